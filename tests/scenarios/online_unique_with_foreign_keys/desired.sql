-- Foreign keys to keys that are new in the same plan: the keys are made USING INDEX outside
-- the transaction, so the foreign keys, from an existing table and from a new one, follow.
CREATE TABLE products (
    id int NOT NULL CONSTRAINT products_pkey PRIMARY KEY,
    sku text CONSTRAINT products_sku_key UNIQUE
);
CREATE TABLE order_lines (
    id int,
    sku text CONSTRAINT order_lines_sku_fkey REFERENCES products (sku),
    product_id int CONSTRAINT order_lines_product_fkey REFERENCES products (id)
);
COMMENT ON CONSTRAINT order_lines_sku_fkey ON order_lines IS 'by stock keeping unit';
CREATE TABLE stock (
    sku text NOT NULL CONSTRAINT stock_sku_fkey REFERENCES products (sku),
    quantity int NOT NULL
);
