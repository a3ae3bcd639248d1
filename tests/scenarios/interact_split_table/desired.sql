CREATE TABLE person (id int PRIMARY KEY, name text);
CREATE TABLE address (person_id int PRIMARY KEY REFERENCES person (id), street text, city text);
