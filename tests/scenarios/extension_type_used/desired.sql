CREATE EXTENSION IF NOT EXISTS citext;
CREATE TABLE u (id int, email citext);
