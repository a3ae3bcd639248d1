CREATE SCHEMA "Sales Dept";
-- A constraint already has the name the temporary check for "Name" would get: it is numbered.
CREATE TABLE "Sales Dept"."Users" (
    "User Id" int NOT NULL,
    "Name" text CONSTRAINT "Users_Name_not_null_tmp" CHECK ("Name" <> '')
);
CREATE TABLE "Sales Dept"."Order Items" ("Item Id" int, "User Id" int, "Note" text);
-- The temporary check's name would be 98 bytes: it is cut, with a hash.
CREATE TABLE shipment_tracking_events_with_a_rather_long_descriptive_name (
    carrier_reference_number text
);
