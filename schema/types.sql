CREATE SCHEMA shop;

CREATE TYPE shop.book_format AS ENUM ('hardcover', 'paperback', 'ebook');
CREATE DOMAIN shop.money_amount AS numeric(10, 2) CHECK (VALUE >= 0);
CREATE DOMAIN shop.isbn AS text CHECK (VALUE ~ '^[0-9]{13}$');
