CREATE TABLE "Order" ("ID" int);
