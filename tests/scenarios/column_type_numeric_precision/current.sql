CREATE TABLE a (id int, price numeric(8,2));
