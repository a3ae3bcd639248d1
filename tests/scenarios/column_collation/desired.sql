CREATE TABLE a (id int, name text COLLATE "C");
