-- driftless:renamed-from item
CREATE TABLE items (
  id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- driftless:renamed-from label
  title text NOT NULL DEFAULT '',
  price numeric(10, 2)
);
CREATE TABLE tag (item_id int REFERENCES items ON DELETE CASCADE, tag text);
