-- A partitioned table. SET NOT NULL still goes through a NOT VALID check (PostgreSQL 15
-- takes one on a partitioned table and validates it partition by partition). A unique key
-- and a foreign key fall back to the plain statements: CREATE INDEX CONCURRENTLY, USING
-- INDEX and NOT VALID foreign keys do not exist for partitioned tables.
CREATE TABLE sensors (id int PRIMARY KEY);
CREATE TABLE measurements (
    id int,
    sensor_id int CONSTRAINT measurements_sensor_fkey REFERENCES sensors (id),
    taken date NOT NULL,
    value numeric NOT NULL,
    CONSTRAINT measurements_id_taken_key UNIQUE (id, taken)
) PARTITION BY RANGE (taken);
CREATE TABLE measurements_2024 PARTITION OF measurements
    FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE measurements_2025 PARTITION OF measurements
    FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');

CREATE FUNCTION seed_measurements() RETURNS bigint LANGUAGE sql AS $$
    WITH added AS (
        INSERT INTO measurements
        SELECT g, NULL, date '2024-01-01' + g, g * 1.5 FROM generate_series(1, 600) g
        RETURNING 1)
    SELECT count(*) FROM added
$$;

CREATE MATERIALIZED VIEW measurements_seeded AS SELECT seed_measurements() AS n;
