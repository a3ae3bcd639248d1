CREATE TABLE orders (
  id int PRIMARY KEY,
  total numeric CONSTRAINT orders_total_check CHECK (total >= 0),
  customer int
);
CREATE INDEX orders_customer ON orders (customer);
ALTER TABLE orders ADD CONSTRAINT orders_self_fkey FOREIGN KEY (customer) REFERENCES orders (id);
