CREATE SCHEMA "Sales Team";
-- driftless:renamed-from "Order"
CREATE TABLE "Sales Team"."Purchase Order" (
  "Id" int PRIMARY KEY,
  -- driftless:renamed-from "select"
  "from" text,
  -- driftless:renamed-from "Größe"
  "Size ""quoted""" int
);
