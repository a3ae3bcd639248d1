-- A unique index becomes a unique constraint of the same name: the index is dropped
-- CONCURRENTLY before the new one is built CONCURRENTLY and attached USING INDEX.
CREATE TABLE coupons (code text NOT NULL CONSTRAINT coupons_code_key UNIQUE, campaign int);
