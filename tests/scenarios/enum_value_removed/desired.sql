CREATE TYPE st AS ENUM ('new', 'old');
CREATE TABLE t (s st DEFAULT 'new');
