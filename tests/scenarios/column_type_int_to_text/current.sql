CREATE TABLE a (id int, code int);
