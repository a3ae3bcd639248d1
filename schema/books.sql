CREATE TABLE shop.books (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  author_id bigint NOT NULL REFERENCES shop.authors (id),
  title text NOT NULL,
  isbn shop.isbn UNIQUE,
  price shop.money_amount NOT NULL,
  format shop.book_format NOT NULL DEFAULT 'paperback'
);

CREATE INDEX books_author_idx ON shop.books (author_id);
CREATE INDEX books_title_idx ON shop.books (lower(title));
