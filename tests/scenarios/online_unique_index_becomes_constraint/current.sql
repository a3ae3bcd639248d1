CREATE TABLE coupons (code text NOT NULL, campaign int);
CREATE UNIQUE INDEX coupons_code_key ON coupons (code);
