CREATE SCHEMA "My App";
CREATE TABLE "Order" ("ID" int, "select" text, "naïve" text, "quote""d" int);
CREATE TABLE "My App"."User Table" ("User Id" int PRIMARY KEY);
CREATE INDEX "Order Select" ON "Order" ("select");
CREATE VIEW "My App"."All Users" AS SELECT "User Id" FROM "My App"."User Table";
