CREATE TYPE p AS (x int, y int, z int);
