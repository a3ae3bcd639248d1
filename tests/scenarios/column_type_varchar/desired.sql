CREATE TABLE a (id int, code varchar(40));
