CREATE TABLE p (a int, b int, PRIMARY KEY (a, b));
CREATE TABLE c (a int, b int, CONSTRAINT c_p FOREIGN KEY (a, b) REFERENCES p (a, b) MATCH FULL);
