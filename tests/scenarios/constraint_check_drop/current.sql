CREATE TABLE a (id int CONSTRAINT id_pos CHECK (id > 0));
