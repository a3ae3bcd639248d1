CREATE TABLE "user" ("order" int, "group" text, "from" int CONSTRAINT "check" CHECK ("from" > 0));
CREATE INDEX "index" ON "user" ("group");
