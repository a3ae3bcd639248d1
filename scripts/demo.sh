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
