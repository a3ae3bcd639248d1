CREATE SCHEMA "Sales Team";
CREATE TABLE "Sales Team"."Order" (
  "Id" int PRIMARY KEY,
  "select" text,
  "Größe" int
);
