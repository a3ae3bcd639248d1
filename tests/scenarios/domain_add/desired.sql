CREATE DOMAIN positive AS int CHECK (VALUE > 0);
CREATE TABLE a (id int, n positive);
