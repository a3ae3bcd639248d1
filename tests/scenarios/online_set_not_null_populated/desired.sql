-- Three columns of a populated table become NOT NULL: each through a NOT VALID check that is
-- validated apart, then SET NOT NULL without a scan, then the check dropped.
CREATE TABLE accounts (
    id int NOT NULL,
    email text NOT NULL,
    plan text NOT NULL DEFAULT 'free',
    created_at timestamptz
);

CREATE FUNCTION seed_accounts() RETURNS bigint LANGUAGE sql AS $$
    WITH added AS (
        INSERT INTO accounts (id, email)
        SELECT g, 'user' || g || '@example.com' FROM generate_series(1, 500) g
        RETURNING 1)
    SELECT count(*) FROM added
$$;

CREATE MATERIALIZED VIEW accounts_seeded AS SELECT seed_accounts() AS n;
