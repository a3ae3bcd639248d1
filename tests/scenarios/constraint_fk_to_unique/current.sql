CREATE TABLE p (id int, code text CONSTRAINT p_code UNIQUE);
CREATE TABLE c (code text);
