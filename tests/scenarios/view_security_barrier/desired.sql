CREATE TABLE a (id int);
CREATE VIEW v WITH (security_barrier = true) AS SELECT id FROM a;
