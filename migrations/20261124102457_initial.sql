-- initial (written by driftless generate)
-- hazards: UNTRACKED_DEPENDENCY
-- changes:
--   + schema shop
--   + enum shop.book_format
--   + domain shop.isbn
--   + domain shop.money_amount
--   + FUNCTION shop.touch_updated_at()
--   + table shop.authors
--   + table shop.books
--   + table shop.order_lines
--   + table shop.orders
--   + constraint authors_pkey on shop.authors
--   + constraint books_isbn_key on shop.books
--   + constraint books_pkey on shop.books
--   + constraint order_lines_pkey on shop.order_lines
--   + constraint order_lines_quantity_check on shop.order_lines
--   + constraint orders_customer_email_check on shop.orders
--   + constraint orders_pkey on shop.orders
--   + constraint books_author_id_fkey on shop.books
--   + constraint order_lines_book_id_fkey on shop.order_lines
--   + constraint order_lines_order_id_fkey on shop.order_lines
--   + index books_author_idx on shop.books
--   + index books_title_idx on shop.books
--   + view shop.order_totals
--   + trigger orders_touch on shop.orders
--   ~ comment on table shop.authors

-- migrate:up
CREATE SCHEMA shop;

CREATE TYPE shop.book_format AS ENUM ('hardcover', 'paperback', 'ebook');

CREATE DOMAIN shop.isbn AS text CONSTRAINT isbn_check CHECK ((VALUE ~ '^[0-9]{13}$'::text));

CREATE DOMAIN shop.money_amount AS numeric(10,2) CONSTRAINT money_amount_check CHECK ((VALUE >= (0)::numeric));

CREATE OR REPLACE FUNCTION shop.touch_updated_at()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END
$function$;

CREATE TABLE shop.authors (
    id bigint GENERATED ALWAYS AS IDENTITY (INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1 NO CYCLE),
    name text NOT NULL,
    born date,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE shop.books (
    id bigint GENERATED ALWAYS AS IDENTITY (INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1 NO CYCLE),
    author_id bigint NOT NULL,
    title text NOT NULL,
    isbn shop.isbn,
    price shop.money_amount NOT NULL,
    format shop.book_format DEFAULT 'paperback'::shop.book_format NOT NULL
);

CREATE TABLE shop.order_lines (
    order_id bigint NOT NULL,
    book_id bigint NOT NULL,
    quantity integer NOT NULL,
    unit_price shop.money_amount NOT NULL
);

CREATE TABLE shop.orders (
    id bigint GENERATED ALWAYS AS IDENTITY (INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1 NO CYCLE),
    customer_email text NOT NULL,
    placed_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone
);

ALTER TABLE shop.authors ADD CONSTRAINT authors_pkey PRIMARY KEY (id);

ALTER TABLE shop.books ADD CONSTRAINT books_isbn_key UNIQUE (isbn);

ALTER TABLE shop.books ADD CONSTRAINT books_pkey PRIMARY KEY (id);

ALTER TABLE shop.order_lines ADD CONSTRAINT order_lines_pkey PRIMARY KEY (order_id, book_id);

ALTER TABLE shop.order_lines ADD CONSTRAINT order_lines_quantity_check CHECK ((quantity > 0));

ALTER TABLE shop.orders ADD CONSTRAINT orders_customer_email_check CHECK ((customer_email ~~ '%@%'::text));

ALTER TABLE shop.orders ADD CONSTRAINT orders_pkey PRIMARY KEY (id);

ALTER TABLE shop.books ADD CONSTRAINT books_author_id_fkey FOREIGN KEY (author_id) REFERENCES shop.authors(id);

ALTER TABLE shop.order_lines ADD CONSTRAINT order_lines_book_id_fkey FOREIGN KEY (book_id) REFERENCES shop.books(id);

ALTER TABLE shop.order_lines ADD CONSTRAINT order_lines_order_id_fkey FOREIGN KEY (order_id) REFERENCES shop.orders(id) ON DELETE CASCADE;

CREATE INDEX books_author_idx ON shop.books USING btree (author_id);

CREATE INDEX books_title_idx ON shop.books USING btree (lower(title));

CREATE VIEW shop.order_totals AS
SELECT o.id AS order_id,
    o.customer_email,
    sum(l.quantity::numeric * l.unit_price::numeric) AS total
   FROM shop.orders o
     JOIN shop.order_lines l ON l.order_id = o.id
  GROUP BY o.id, o.customer_email;

CREATE TRIGGER orders_touch BEFORE UPDATE ON shop.orders FOR EACH ROW EXECUTE FUNCTION shop.touch_updated_at();

COMMENT ON TABLE shop.authors IS 'People who write the books we sell';

-- migrate:down
DROP VIEW shop.order_totals;

ALTER TABLE shop.books DROP CONSTRAINT books_author_id_fkey;

ALTER TABLE shop.order_lines DROP CONSTRAINT order_lines_book_id_fkey;

ALTER TABLE shop.order_lines DROP CONSTRAINT order_lines_order_id_fkey;

DROP TABLE shop.authors;

DROP TABLE shop.books;

DROP TABLE shop.order_lines;

DROP TABLE shop.orders;

DROP FUNCTION shop.touch_updated_at();

DROP TYPE shop.book_format;

DROP DOMAIN shop.isbn;

DROP DOMAIN shop.money_amount;

DROP SCHEMA shop;
