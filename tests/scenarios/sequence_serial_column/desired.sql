CREATE TABLE a (x int, id serial);
