CREATE TYPE floatrange AS RANGE (subtype = float8);
COMMENT ON TYPE floatrange IS 'no subtype_diff any more';
CREATE TYPE "Text Range" AS RANGE (subtype = text, collation = "C");
CREATE SCHEMA periods;
CREATE TYPE periods.daterange2 AS RANGE (subtype = date, multirange_type_name = periods.date_spans);
CREATE TABLE periods.booking (id int, during periods.daterange2);
