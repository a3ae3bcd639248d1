CREATE TABLE a (id int);
CREATE INDEX a_id_idx ON a (id);
