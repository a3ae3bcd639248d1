CREATE SEQUENCE a_seq;
CREATE TABLE a (id int DEFAULT nextval('a_seq'));
