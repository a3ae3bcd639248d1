CREATE TABLE a (x int, y int, CONSTRAINT a_xy UNIQUE (x, y));
