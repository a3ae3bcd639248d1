CREATE TABLE a (x int, y int);
