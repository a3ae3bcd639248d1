CREATE TABLE a (id int, s text NOT NULL);
