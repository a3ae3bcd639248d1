-- New unique constraints on a populated table: each index built CONCURRENTLY, then attached
-- with ADD CONSTRAINT … USING INDEX; INCLUDE, NULLS NOT DISTINCT, DEFERRABLE and a comment.
CREATE TABLE users (
    id int NOT NULL,
    email text CONSTRAINT users_email_key UNIQUE,
    tenant int,
    handle text,
    nickname text,
    CONSTRAINT users_tenant_handle_key UNIQUE NULLS NOT DISTINCT (tenant, handle) INCLUDE (nickname),
    CONSTRAINT users_id_deferred UNIQUE (id) DEFERRABLE INITIALLY DEFERRED
);

COMMENT ON CONSTRAINT users_email_key ON users IS 'one account per address';

CREATE FUNCTION seed_users() RETURNS bigint LANGUAGE sql AS $$
    WITH added AS (
        INSERT INTO users
        SELECT g, 'u' || g || '@example.com', g % 7, 'handle' || g, 'nick' || g
          FROM generate_series(1, 300) g
        RETURNING 1)
    SELECT count(*) FROM added
$$;

CREATE MATERIALIZED VIEW users_seeded AS SELECT seed_users() AS n;
