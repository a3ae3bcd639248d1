CREATE TABLE accounts (
  id int PRIMARY KEY,
  mail text NOT NULL UNIQUE,
  nick text CHECK (length(nick) < 40)
);
CREATE INDEX accounts_lower_mail ON accounts (lower(mail));
CREATE VIEW account_mails AS SELECT id, mail FROM accounts;
