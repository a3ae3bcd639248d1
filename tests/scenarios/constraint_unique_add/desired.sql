CREATE TABLE a (id int, email text CONSTRAINT a_email_key UNIQUE);
