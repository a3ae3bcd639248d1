-- driftless:renamed-from events
CREATE TABLE audit_events (id bigint NOT NULL, at date NOT NULL,
  -- driftless:renamed-from kind
  category text) PARTITION BY RANGE (at);
CREATE TABLE events_2026 PARTITION OF audit_events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
CREATE INDEX events_at_idx ON audit_events (at);
