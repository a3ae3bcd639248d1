-- Tables without a primary key, their key columns still nullable. Schema files take no
-- INSERT: the materialized view fills the tables when it is created.
CREATE TABLE events (id bigint, kind text NOT NULL);
CREATE TABLE tags (scope text, name text, color text);

CREATE FUNCTION seed() RETURNS bigint LANGUAGE sql AS $$
    INSERT INTO tags SELECT 's' || (g % 3), 'tag' || g, 'red' FROM generate_series(1, 100) g;
    WITH added AS (
        INSERT INTO events SELECT g, 'k' || (g % 5) FROM generate_series(1, 400) g RETURNING 1)
    SELECT count(*) FROM added
$$;

CREATE MATERIALIZED VIEW seeded AS SELECT seed() AS n;
