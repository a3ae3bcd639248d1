CREATE DOMAIN email AS varchar(100) CHECK (VALUE LIKE '%@%');
CREATE DOMAIN "Amount" AS integer NOT NULL DEFAULT 0;
CREATE TABLE users (id int, mail email, backup_mails email[], balance "Amount" DEFAULT 5);
CREATE VIEW user_mails AS SELECT id, mail FROM users;
