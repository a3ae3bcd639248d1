CREATE TABLE a (id int, tags text[]);
