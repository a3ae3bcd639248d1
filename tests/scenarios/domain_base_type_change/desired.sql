CREATE DOMAIN email AS text CHECK (VALUE LIKE '%@%');
CREATE DOMAIN "Amount" AS bigint NOT NULL DEFAULT 0;
COMMENT ON DOMAIN "Amount" IS 'money in cents';
CREATE TABLE users (id int, mail email, backup_mails email[], balance "Amount" DEFAULT 5);
CREATE VIEW user_mails AS SELECT id, mail FROM users;
