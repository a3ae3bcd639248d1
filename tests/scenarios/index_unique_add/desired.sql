CREATE TABLE a (id int, code text);
CREATE UNIQUE INDEX a_code_key ON a (code);
