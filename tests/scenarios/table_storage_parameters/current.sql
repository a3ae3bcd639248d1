CREATE TABLE a (id int) WITH (fillfactor = 70);
