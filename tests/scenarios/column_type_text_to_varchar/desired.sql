CREATE TABLE a (id int, s varchar(200));
