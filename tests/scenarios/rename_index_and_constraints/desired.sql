CREATE TABLE orders (
  id int,
  total numeric,
  customer int,
  -- driftless:renamed-from orders_pkey
  CONSTRAINT orders_primary PRIMARY KEY (id),
  -- driftless:renamed-from orders_total_check
  CONSTRAINT "Total is not negative" CHECK (total >= 0)
);
-- driftless:renamed-from orders_customer
CREATE INDEX orders_by_customer ON orders (customer);
-- driftless:renamed-from orders_self_fkey
ALTER TABLE orders ADD CONSTRAINT orders_parent_fkey FOREIGN KEY (customer) REFERENCES orders (id);
