CREATE TABLE a (id int, s text);
