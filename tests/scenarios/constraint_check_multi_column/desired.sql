CREATE TABLE a (lo int, hi int, CONSTRAINT lo_le_hi CHECK (lo <= hi));
