CREATE TABLE a (id int NOT NULL, v int);
