-- Reporting reads the tables defined in the other files; the order of files does not matter.
CREATE VIEW shop.order_totals AS
SELECT o.id AS order_id, o.customer_email, sum(l.quantity * l.unit_price) AS total
FROM shop.orders o
JOIN shop.order_lines l ON l.order_id = o.id
GROUP BY o.id, o.customer_email;

CREATE FUNCTION shop.touch_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END
$$;
