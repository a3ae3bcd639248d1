-- Schema files take no INSERT: the materialized view fills the table when it is created.
CREATE TABLE users (id int NOT NULL, email text, tenant int, handle text, nickname text);

CREATE FUNCTION seed_users() RETURNS bigint LANGUAGE sql AS $$
    WITH added AS (
        INSERT INTO users
        SELECT g, 'u' || g || '@example.com', g % 7, 'handle' || g, 'nick' || g
          FROM generate_series(1, 300) g
        RETURNING 1)
    SELECT count(*) FROM added
$$;

CREATE MATERIALIZED VIEW users_seeded AS SELECT seed_users() AS n;
