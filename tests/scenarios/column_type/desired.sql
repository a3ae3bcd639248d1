CREATE TABLE a (id int, amount bigint DEFAULT 0);
