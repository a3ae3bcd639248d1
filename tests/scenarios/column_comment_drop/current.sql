CREATE TABLE a (id int);
COMMENT ON COLUMN a.id IS 'old';
