CREATE TABLE a (id int, price numeric(12,4));
