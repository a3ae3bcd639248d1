CREATE TABLE a (id int, v text);
CREATE VIEW a_v AS SELECT id, v FROM a WHERE id > 0;
