CREATE TABLE items (id int, label text);
CREATE VIEW item_labels AS SELECT id, label FROM items;
GRANT SELECT ON item_labels TO driftless_reader;
GRANT SELECT ON items TO driftless_reader;
