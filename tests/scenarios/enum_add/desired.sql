CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE a (id int, m mood);
