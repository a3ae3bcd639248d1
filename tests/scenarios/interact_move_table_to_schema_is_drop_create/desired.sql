CREATE SCHEMA archive;
CREATE TABLE archive.t (id int);
