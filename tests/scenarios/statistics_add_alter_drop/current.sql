CREATE TABLE orders (id int, city text, zip text, country text, total numeric);
CREATE STATISTICS orders_city_zip (dependencies) ON city, zip FROM orders;
CREATE STATISTICS orders_gone ON city, country FROM orders;
CREATE STATISTICS orders_commented (ndistinct) ON zip, country FROM orders;
