CREATE TABLE a (id int, n int DEFAULT 1);
