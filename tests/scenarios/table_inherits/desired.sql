CREATE TABLE parent (id int);
CREATE TABLE child (extra text) INHERITS (parent);
