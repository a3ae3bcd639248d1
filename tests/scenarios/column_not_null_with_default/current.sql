CREATE TABLE a (id int, flag bool);
