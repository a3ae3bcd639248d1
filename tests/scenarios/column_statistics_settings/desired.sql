CREATE TABLE events (id bigint, kind text, payload jsonb, user_id int, extra text);
ALTER TABLE events ALTER COLUMN id SET STATISTICS 1000;
ALTER TABLE events ALTER COLUMN user_id SET (n_distinct = -0.2, n_distinct_inherited = -0.3);
ALTER TABLE events ALTER COLUMN extra SET STATISTICS 50;
CREATE TABLE fresh (a int, b text);
ALTER TABLE fresh ALTER COLUMN b SET STATISTICS 300;
ALTER TABLE fresh ALTER COLUMN a SET (n_distinct = 10);
