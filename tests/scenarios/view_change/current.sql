CREATE TABLE a (id int, v text);
CREATE VIEW a_v AS SELECT id FROM a;
