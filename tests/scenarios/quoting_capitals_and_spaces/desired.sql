CREATE SCHEMA "Sales Data";
CREATE TYPE "Sales Data"."Status Kind" AS ENUM ('Open', 'It''s closed');
CREATE TABLE "Sales Data"."Big Table" ("Row Id" int PRIMARY KEY, "Status" "Sales Data"."Status Kind");
COMMENT ON TABLE "Sales Data"."Big Table" IS 'quotes '' and unicode é';
