-- driftless:renamed-from people
CREATE TABLE users (
  id bigserial PRIMARY KEY,
  email text NOT NULL UNIQUE,
  team_id int
);
CREATE INDEX users_team_id_idx ON users (team_id);
CREATE TABLE notes (
  id int PRIMARY KEY,
  person_id bigint REFERENCES users (id),
  body text
);
CREATE VIEW people_emails AS SELECT id, email FROM users;
