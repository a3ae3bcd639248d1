CREATE TABLE a (id int, kept text);
CREATE VIEW a_v AS SELECT id, kept FROM a;
