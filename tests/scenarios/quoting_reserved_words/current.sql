CREATE TABLE "user" ("order" int);
