CREATE TABLE a (id int, flag bool NOT NULL DEFAULT false);
