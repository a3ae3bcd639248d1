CREATE TABLE a (id int, token text);
CREATE INDEX a_token_hash ON a USING hash (token);
