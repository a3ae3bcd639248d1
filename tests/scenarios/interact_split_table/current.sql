CREATE TABLE person (id int PRIMARY KEY, name text, street text, city text);
