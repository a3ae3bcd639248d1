-- Authors write books; see books.sql.
CREATE TABLE shop.authors (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL,
  born date,
  created_at timestamptz NOT NULL DEFAULT now()
);

COMMENT ON TABLE shop.authors IS 'People who write the books we sell';
