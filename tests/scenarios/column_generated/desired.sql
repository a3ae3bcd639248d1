CREATE TABLE a (id int, price numeric, qty int, total numeric GENERATED ALWAYS AS (price * qty) STORED);
