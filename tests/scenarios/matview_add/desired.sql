CREATE TABLE a (id int, v text);
CREATE MATERIALIZED VIEW a_count AS SELECT count(*) AS n FROM a;
CREATE UNIQUE INDEX a_count_n ON a_count (n);
