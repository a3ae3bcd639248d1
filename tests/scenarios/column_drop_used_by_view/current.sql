CREATE TABLE a (id int, gone text, kept text);
CREATE VIEW a_v AS SELECT id, kept FROM a;
