CREATE TABLE a (id int);
COMMENT ON TABLE a IS 'it''s new';
