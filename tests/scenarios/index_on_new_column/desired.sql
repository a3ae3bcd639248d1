CREATE TABLE a (id int, email text);
CREATE INDEX a_email ON a (email);
