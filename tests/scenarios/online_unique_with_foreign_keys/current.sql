CREATE TABLE products (id int NOT NULL, sku text);
CREATE TABLE order_lines (id int, sku text);
