CREATE TABLE a (id int, qty int CONSTRAINT qty_ok CHECK (qty > 0));
