CREATE TABLE a (id int, price numeric, qty int);
