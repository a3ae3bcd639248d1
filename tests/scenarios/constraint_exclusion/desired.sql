CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE TABLE r (room int, during tsrange, CONSTRAINT no_overlap EXCLUDE USING gist (room WITH =, during WITH &&));
