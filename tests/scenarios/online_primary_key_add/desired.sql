-- Primary keys on existing tables: the columns are set NOT NULL the online way first, so
-- PRIMARY KEY USING INDEX finds them NOT NULL and does not scan.
CREATE TABLE events (id bigint CONSTRAINT events_pkey PRIMARY KEY, kind text NOT NULL);
CREATE TABLE tags (scope text, name text, color text, CONSTRAINT tags_pkey PRIMARY KEY (scope, name));

CREATE FUNCTION seed() RETURNS bigint LANGUAGE sql AS $$
    INSERT INTO tags SELECT 's' || (g % 3), 'tag' || g, 'red' FROM generate_series(1, 100) g;
    WITH added AS (
        INSERT INTO events SELECT g, 'k' || (g % 5) FROM generate_series(1, 400) g RETURNING 1)
    SELECT count(*) FROM added
$$;

CREATE MATERIALIZED VIEW seeded AS SELECT seed() AS n;
