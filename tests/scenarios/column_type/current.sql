CREATE TABLE a (id int, amount int DEFAULT 0);
