CREATE TABLE x (id int PRIMARY KEY);
CREATE SCHEMA billing;
CREATE TYPE billing.state AS ENUM ('open', 'paid');
CREATE SEQUENCE billing.invoice_no;
CREATE TABLE billing.invoice (no bigint DEFAULT nextval('billing.invoice_no') PRIMARY KEY, state billing.state NOT NULL DEFAULT 'open', x_id int REFERENCES x (id));
CREATE INDEX invoice_state ON billing.invoice (state);
CREATE VIEW billing.open AS SELECT no FROM billing.invoice WHERE state = 'open';
