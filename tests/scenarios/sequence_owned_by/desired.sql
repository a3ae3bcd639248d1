CREATE TABLE a (id int);
CREATE SEQUENCE a_id_seq OWNED BY a.id;
