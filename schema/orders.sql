CREATE TABLE shop.orders (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  customer_email text NOT NULL CHECK (customer_email LIKE '%@%'),
  placed_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz
);

CREATE TABLE shop.order_lines (
  order_id bigint NOT NULL REFERENCES shop.orders (id) ON DELETE CASCADE,
  book_id bigint NOT NULL REFERENCES shop.books (id),
  quantity integer NOT NULL CHECK (quantity > 0),
  unit_price shop.money_amount NOT NULL,
  PRIMARY KEY (order_id, book_id)
);

CREATE TRIGGER orders_touch BEFORE UPDATE ON shop.orders
  FOR EACH ROW EXECUTE FUNCTION shop.touch_updated_at();
