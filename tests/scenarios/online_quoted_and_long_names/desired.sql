-- Names that need quoting everywhere the online patterns put them, and temporary check names
-- that must be numbered to be free or cut to 63 bytes.
CREATE SCHEMA "Sales Dept";
CREATE TABLE "Sales Dept"."Users" (
    "User Id" int NOT NULL CONSTRAINT "Users pkey" PRIMARY KEY,
    "Name" text NOT NULL CONSTRAINT "Users_Name_not_null_tmp" CHECK ("Name" <> '')
);
CREATE TABLE "Sales Dept"."Order Items" (
    "Item Id" int CONSTRAINT "Order Items_pkey" PRIMARY KEY,
    "User Id" int NOT NULL CONSTRAINT "Order Items User" REFERENCES "Sales Dept"."Users" ("User Id"),
    "Note" text,
    CONSTRAINT "Order Items ""User"" Note" UNIQUE ("User Id", "Note")
);
CREATE TABLE shipment_tracking_events_with_a_rather_long_descriptive_name (
    carrier_reference_number text NOT NULL
);
