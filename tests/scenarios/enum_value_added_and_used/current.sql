CREATE TYPE mood AS ENUM ('sad', 'happy');
CREATE TABLE a (id int, m mood DEFAULT 'sad');
