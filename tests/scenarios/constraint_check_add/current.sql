CREATE TABLE a (id int, qty int);
