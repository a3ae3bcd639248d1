CREATE TABLE customers (id int PRIMARY KEY);
CREATE TABLE orders (id int PRIMARY KEY, customer int CONSTRAINT orders_customer REFERENCES customers (id));
