CREATE TABLE accounts (
  id int PRIMARY KEY,
  -- driftless:renamed-from mail
  email text NOT NULL UNIQUE,
  -- A column renamed and retyped in the same change.
  -- driftless:renamed-from nick
  nickname varchar(80) CHECK (length(nickname) < 40)
);
CREATE INDEX accounts_lower_mail ON accounts (lower(email));
CREATE VIEW account_mails AS SELECT id, email AS mail FROM accounts;
