CREATE TYPE st AS ENUM ('new', 'old', 'gone');
CREATE TABLE t (s st DEFAULT 'new');
