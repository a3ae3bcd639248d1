CREATE TABLE log (id serial, msg text);
CREATE TABLE items (id int, name text);
CREATE RULE items_no_delete AS ON DELETE TO items WHERE old.id > 0 DO INSTEAD NOTHING;
COMMENT ON RULE items_no_delete ON items IS 'keep positive ids';
CREATE RULE items_log_insert AS ON INSERT TO items DO ALSO INSERT INTO log (msg) VALUES (new.name);
ALTER TABLE items DISABLE RULE items_log_insert;
