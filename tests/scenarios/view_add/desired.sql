CREATE TABLE a (id int, v text);
CREATE VIEW a_v AS SELECT id, upper(v) AS v FROM a;
