-- Plain SET NOT NULL where the online pattern gains nothing: a column added in the same plan
-- (NOT NULL in its ADD COLUMN), a retyped one (the table is rewritten anyway), and the
-- columns of a new table. qty alone goes the online way.
CREATE TABLE items (
    id int,
    name text NOT NULL,
    qty int NOT NULL,
    price numeric NOT NULL DEFAULT 0,
    sku text NOT NULL DEFAULT 'none'
);
CREATE TABLE item_notes (item_id int NOT NULL, note text NOT NULL);

CREATE FUNCTION seed_items() RETURNS bigint LANGUAGE sql AS $$
    WITH added AS (
        INSERT INTO items SELECT g, 'item ' || g, g FROM generate_series(1, 200) g RETURNING 1)
    SELECT count(*) FROM added
$$;

CREATE MATERIALIZED VIEW items_seeded AS SELECT seed_items() AS n;
