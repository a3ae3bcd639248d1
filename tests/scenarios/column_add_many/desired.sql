CREATE TABLE a (id int, b bool DEFAULT false, c char(2), d date, e interval, f float8, g inet, h bytea);
