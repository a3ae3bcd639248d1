-- Schema files take no INSERT: the materialized view calls a function that fills the table
-- when the view is created, so VALIDATE and SET NOT NULL run over real rows.
CREATE TABLE accounts (id int, email text, plan text DEFAULT 'free', created_at timestamptz);

CREATE FUNCTION seed_accounts() RETURNS bigint LANGUAGE sql AS $$
    WITH added AS (
        INSERT INTO accounts (id, email)
        SELECT g, 'user' || g || '@example.com' FROM generate_series(1, 500) g
        RETURNING 1)
    SELECT count(*) FROM added
$$;

CREATE MATERIALIZED VIEW accounts_seeded AS SELECT seed_accounts() AS n;
