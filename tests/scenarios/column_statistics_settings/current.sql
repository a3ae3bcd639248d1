CREATE TABLE events (id bigint, kind text, payload jsonb, user_id int);
ALTER TABLE events ALTER COLUMN kind SET STATISTICS 500;
ALTER TABLE events ALTER COLUMN user_id SET (n_distinct = -0.5);
ALTER TABLE events ALTER COLUMN payload SET (n_distinct = 100);
