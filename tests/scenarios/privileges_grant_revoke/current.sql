CREATE SCHEMA app;
GRANT USAGE ON SCHEMA app TO driftless_reader;
CREATE TABLE app.orders (id int PRIMARY KEY, total numeric, note text);
GRANT SELECT, INSERT ON app.orders TO driftless_reader;
GRANT SELECT ON app.orders TO "Driftless Writer" WITH GRANT OPTION;
CREATE SEQUENCE app.counter;
CREATE FUNCTION app.answer() RETURNS int LANGUAGE sql AS 'SELECT 42';
CREATE TYPE app.mood AS ENUM ('ok', 'not ok');
CREATE VIEW app.order_totals AS SELECT id, total FROM app.orders;
