CREATE TABLE p (id int, code text CONSTRAINT p_code UNIQUE);
CREATE TABLE c (code text CONSTRAINT c_code REFERENCES p (code));
