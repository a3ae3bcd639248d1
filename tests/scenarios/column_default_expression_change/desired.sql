CREATE TABLE a (id int, at timestamptz DEFAULT (now() + interval '1 day'));
