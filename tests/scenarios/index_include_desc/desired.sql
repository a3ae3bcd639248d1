CREATE TABLE a (id int, at timestamptz, v text);
CREATE INDEX a_at_idx ON a (at DESC NULLS LAST) INCLUDE (v);
