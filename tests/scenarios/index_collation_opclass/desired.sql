CREATE TABLE a (id int, name text);
CREATE INDEX a_name_pattern ON a (name text_pattern_ops);
