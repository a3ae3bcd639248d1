CREATE TABLE a (lo int, hi int);
