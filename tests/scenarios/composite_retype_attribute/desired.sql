CREATE TYPE p AS (x bigint, y int);
