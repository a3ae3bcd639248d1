CREATE TABLE a (id int, at timestamptz);
CREATE INDEX a_at_brin ON a USING brin (at) WITH (pages_per_range = 32);
