CREATE TABLE a (id int, doc jsonb);
