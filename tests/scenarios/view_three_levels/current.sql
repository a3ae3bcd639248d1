CREATE TABLE a (id int, v int);
