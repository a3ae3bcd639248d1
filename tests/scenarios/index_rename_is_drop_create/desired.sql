CREATE TABLE a (id int);
CREATE INDEX new_name ON a (id);
