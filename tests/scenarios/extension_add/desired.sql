CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE TABLE a (id int, name text);
CREATE INDEX a_name_trgm ON a USING gin (name gin_trgm_ops);
