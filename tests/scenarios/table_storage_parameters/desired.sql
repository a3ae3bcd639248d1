CREATE TABLE a (id int) WITH (fillfactor = 90, autovacuum_enabled = false);
