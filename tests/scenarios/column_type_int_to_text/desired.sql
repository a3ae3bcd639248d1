CREATE TABLE a (id int, code text);
