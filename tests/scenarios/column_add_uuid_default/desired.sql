CREATE TABLE a (id int, uid uuid DEFAULT gen_random_uuid());
