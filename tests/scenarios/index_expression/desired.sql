CREATE TABLE a (id int, email text);
CREATE INDEX a_lower_email ON a (lower(email));
