CREATE TABLE a (id int, meta jsonb NOT NULL DEFAULT '{}'::jsonb);
