-- Schema files take no INSERT: the materialized view fills the table when it is created.
CREATE TABLE items (id int, name varchar(20), qty int);

CREATE FUNCTION seed_items() RETURNS bigint LANGUAGE sql AS $$
    WITH added AS (
        INSERT INTO items SELECT g, 'item ' || g, g FROM generate_series(1, 200) g RETURNING 1)
    SELECT count(*) FROM added
$$;

CREATE MATERIALIZED VIEW items_seeded AS SELECT seed_items() AS n;
