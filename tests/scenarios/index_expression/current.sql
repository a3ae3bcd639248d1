CREATE TABLE a (id int, email text);
