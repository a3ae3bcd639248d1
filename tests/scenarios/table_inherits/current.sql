CREATE TABLE parent (id int);
