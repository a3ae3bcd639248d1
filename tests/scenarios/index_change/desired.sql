CREATE TABLE a (id int, email text);
CREATE UNIQUE INDEX a_email_idx ON a (lower(email)) WHERE email IS NOT NULL;
