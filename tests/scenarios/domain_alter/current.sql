CREATE DOMAIN code AS text CONSTRAINT code_len CHECK (length(VALUE) = 3);
