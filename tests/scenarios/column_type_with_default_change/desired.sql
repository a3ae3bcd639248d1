CREATE TABLE a (id int, n bigint DEFAULT 2);
