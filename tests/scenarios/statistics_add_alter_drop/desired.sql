CREATE TABLE orders (id int, city text, zip text, country text, total numeric);
CREATE STATISTICS orders_city_zip (dependencies, ndistinct) ON city, zip FROM orders;
CREATE STATISTICS orders_commented (ndistinct) ON zip, country FROM orders;
COMMENT ON STATISTICS orders_commented IS 'zip and country move together';
CREATE SCHEMA stats;
CREATE STATISTICS stats."Orders Expr" ON lower(city), total FROM orders;
