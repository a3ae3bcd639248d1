-- The rename ran long ago: the annotation stays, and only the new column is added.
-- driftless:renamed-from people
CREATE TABLE users (
  id int PRIMARY KEY,
  -- driftless:renamed-from mail
  email text,
  created_at timestamptz
);
