CREATE TABLE a (id int, at timestamp);
