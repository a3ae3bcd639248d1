#!/bin/sh
# `make demo`: runs driftless on the example schema/ with nothing configured, using the
# embedded PostgreSQL server.
set -eu
driftless=${1:-build/driftless}
cd "$(dirname "$0")/.."
run() {
  echo "\$ driftless $*"
  "$driftless" "$@"
  echo
}
run --version
run check --schema schema
echo "# a schema with mistakes: every error is reported with file:line:col, exit code 2"
broken=$(mktemp -d)
trap 'rm -rf "$broken"' EXIT
cp schema/*.sql "$broken"/
sed -i 's/CREATE TABLE shop.orders/CREATE TABEL shop.orders/' "$broken/orders.sql"
printf 'INSERT INTO shop.authors (name) VALUES (%s);\n' "'Ann'" >> "$broken/authors.sql"
echo "\$ driftless check --schema <copy of schema/ with two mistakes>"
if "$driftless" check --schema "$broken"; then
  echo "expected errors" >&2
  exit 1
else
  echo "(exit code $?)"
fi

echo "# migrations/ builds exactly what schema/ says (both replayed in scratch databases):"
run diff --from migrations --to schema --check

echo "# a developer edits the schema (in a copy): a column and an index on an existing table"
project=$(mktemp -d)
trap 'rm -rf "$broken" "$project"' EXIT
cp -r schema migrations "$project"/
printf 'schema: schema\nmigrations: migrations\n' > "$project/driftless.yaml"
cat >> "$project/schema/authors.sql" <<'SQL'

ALTER TABLE shop.authors ADD COLUMN website text;
CREATE INDEX authors_website_idx ON shop.authors (website);
SQL
echo "\$ driftless diff --from migrations --to schema --check"
if "$driftless" --config "$project/driftless.yaml" diff --from "$project/migrations" --to "$project/schema" --check; then
  echo "expected drift" >&2
  exit 1
else
  echo "(exit code $?: CI fails here until a migration is generated)"
fi
echo
echo "\$ driftless generate add_author_website"
"$driftless" --config "$project/driftless.yaml" generate add_author_website
echo
for file in "$project"/migrations/*_add_author_website.sql; do
  echo "--- $(basename "$file")"
  cat "$file"
  echo
done
echo "\$ driftless diff --from migrations --to schema --check"
"$driftless" --config "$project/driftless.yaml" diff --from "$project/migrations" --to "$project/schema" --check
