#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL cluster on a unix socket in a temporary folder.
# The cluster is stopped and deleted on exit, pass or fail. With DATABASE_URL already set, the
# command runs against that database instead.
set -euo pipefail

if [ -n "${DATABASE_URL:-}" ]; then
  exec "$@"
fi

find_pg_bin() {
  local dir
  for dir in /usr/lib/postgresql/15/bin $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return 0; fi
  done
  return 1
}

if ! PG_BIN=$(find_pg_bin); then
  echo "PostgreSQL server is missing: installing Debian's postgresql package (apt-get)…" >&2
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  PG_BIN=$(find_pg_bin)
fi

PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/newsroom-pg.XXXXXX")
if [ "$(id -u)" -eq 0 ]; then
  # PostgreSQL refuses to run as root: the cluster belongs to the postgres user.
  chown postgres: "$PG_DIR"
  as_owner() { runuser -u postgres -- "$@"; }
  DB_USER=postgres
else
  as_owner() { "$@"; }
  DB_USER=$(id -un)
fi

cleanup() {
  as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}
trap cleanup EXIT INT TERM

as_owner "$PG_BIN/initdb" -D "$PG_DIR/data" -U "$DB_USER" -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
# Durability is pointless for a throwaway test cluster; turning it off makes the suite faster.
as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -o \
  "-c listen_addresses='' -k $PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=50" \
  start >/dev/null
as_owner "$PG_BIN/createdb" -h "$PG_DIR" -U "$DB_USER" newsroom

export DATABASE_URL="postgres://${DB_USER}@$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$PG_DIR")/newsroom"
echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') running on $PG_DIR" >&2
"$@"
