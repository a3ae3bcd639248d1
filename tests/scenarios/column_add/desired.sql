CREATE TABLE a (id int, note text, qty int NOT NULL DEFAULT 0);
