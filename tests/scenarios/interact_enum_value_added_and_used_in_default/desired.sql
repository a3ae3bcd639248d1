CREATE TYPE st AS ENUM ('a', 'b', 'c');
CREATE TABLE t (s st, s2 st);
