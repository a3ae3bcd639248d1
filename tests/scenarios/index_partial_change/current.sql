CREATE TABLE a (id int, active bool);
CREATE INDEX a_active ON a (id) WHERE active;
