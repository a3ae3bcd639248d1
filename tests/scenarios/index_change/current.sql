CREATE TABLE a (id int, email text);
CREATE INDEX a_email_idx ON a (email);
