CREATE TABLE a (id int, doc jsonb);
CREATE INDEX a_doc_gin ON a USING gin (doc jsonb_path_ops);
