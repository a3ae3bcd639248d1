CREATE TYPE t AS ENUM ('a');
CREATE TABLE x (id int);
