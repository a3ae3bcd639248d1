CREATE TABLE a (id int, token text);
