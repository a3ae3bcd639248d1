CREATE TABLE a (id int);
CREATE INDEX a_id_idx ON a (id);
COMMENT ON INDEX a_id_idx IS 'lookups';
