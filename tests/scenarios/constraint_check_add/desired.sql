CREATE TABLE a (id int, qty int CONSTRAINT qty_positive CHECK (qty > 0));
