CREATE TABLE a (id int);
CREATE INDEX old_name ON a (id);
