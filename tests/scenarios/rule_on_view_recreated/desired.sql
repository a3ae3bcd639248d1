CREATE TABLE base (id int, label text);
CREATE VIEW base_view AS SELECT id, label FROM base;
CREATE RULE base_view_insert AS ON INSERT TO base_view DO INSTEAD INSERT INTO base VALUES (new.id, new.label);
