CREATE TABLE a (id int, at timestamptz DEFAULT now());
