CREATE TABLE a (id int, name text);
COMMENT ON COLUMN a.name IS 'display name';
