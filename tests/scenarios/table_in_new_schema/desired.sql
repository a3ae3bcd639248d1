CREATE TABLE a (id int);
CREATE SCHEMA app;
CREATE TABLE app.b (id int);
