CREATE TABLE a (id int, v text);
