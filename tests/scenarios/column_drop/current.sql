CREATE TABLE a (id int, note text);
