#!/bin/sh
# Builds and runs the benchmarks. Usage: scripts/bench.sh BUILD_DIR [TABLES]
# (`make bench` passes the build directory; TABLES, for bench_check and bench_plan, defaults
# to 1000). pg-delta's figures appear where ../shared/peers/setup.sh has installed it.
set -eu
if [ $# -lt 1 ]; then
  echo "usage: $0 BUILD_DIR [TABLES]" >&2
  exit 2
fi
build=$1
cmake --build "$build" -j2 --target bench_scratch bench_check bench_inspect bench_apply bench_diff \
  bench_plan bench_generate

echo
echo "== bench_scratch: embedded server start and stop =="
"$build/bench_scratch"

echo
echo "== bench_check: driftless check vs psql -f =="
if [ $# -ge 2 ]; then
  "$build/bench_check" "$2"
else
  "$build/bench_check"
fi

echo
echo "== bench_inspect: driftless inspect vs pg_dump --schema-only =="
"$build/bench_inspect"

echo
echo "== bench_apply: driftless apply vs psql =="
"$build/bench_apply"

echo
echo "== bench_diff: the diff alone on generated models =="
"$build/bench_diff"

echo
echo "== bench_plan: driftless plan (files vs live db, 5 % changed) vs pg_dump, psql, pg-delta =="
if [ $# -ge 2 ]; then
  "$build/bench_plan" "$2"
else
  "$build/bench_plan"
fi

echo
echo "== bench_generate: driftless generate, nothing changed, on kratos (cold and warm) =="
"$build/bench_generate"
