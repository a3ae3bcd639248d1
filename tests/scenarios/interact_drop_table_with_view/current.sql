CREATE TABLE a (id int);
CREATE TABLE b (id int);
CREATE VIEW ab AS SELECT a.id FROM a JOIN b USING (id);
