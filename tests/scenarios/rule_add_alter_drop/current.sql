CREATE TABLE log (id serial, msg text);
CREATE TABLE items (id int, name text);
CREATE RULE items_no_delete AS ON DELETE TO items DO INSTEAD NOTHING;
CREATE RULE items_gone AS ON UPDATE TO items DO ALSO INSERT INTO log (msg) VALUES ('updated');
