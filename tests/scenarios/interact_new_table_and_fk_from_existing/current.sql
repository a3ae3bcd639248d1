CREATE TABLE orders (id int PRIMARY KEY, customer int);
