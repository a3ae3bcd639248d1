#!/bin/sh
# Installs the Debian 12 packages driftless needs, only those missing.
# As root it runs apt-get; otherwise it prints the exact command and exits 2.
set -eu
PACKAGES="build-essential cmake pkg-config libpg-query-dev libpqxx-dev libyaml-cpp-dev libfmt-dev libcli11-dev catch2 libssl-dev nlohmann-json3-dev postgresql-15 postgresql-client-15"
missing=""
for p in $PACKAGES; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done
[ -z "$missing" ] && exit 0
cmd="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends$missing"
if [ "$(id -u)" -ne 0 ]; then
  echo "driftless: missing Debian packages:$missing" >&2
  echo "run as root:  $cmd" >&2
  exit 2
fi
echo "installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends $missing
