CREATE TABLE a (id int, name text);
