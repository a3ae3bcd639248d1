CREATE TABLE people (
  id bigserial PRIMARY KEY,
  email text NOT NULL UNIQUE,
  team_id int
);
CREATE INDEX people_team_id_idx ON people (team_id);
CREATE TABLE notes (
  id int PRIMARY KEY,
  person_id bigint REFERENCES people (id),
  body text
);
CREATE VIEW people_emails AS SELECT id, email FROM people;
