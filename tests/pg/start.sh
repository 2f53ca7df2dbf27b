#!/usr/bin/env bash
# tests/pg/start.sh - start a throwaway PostgreSQL cluster for the storage tests.
#
# Creates a fresh cluster in a new temp dir, listening on 127.0.0.1 only (a free port, no other
# interface), password auth (scram-sha-256) with a random password, fsync off (test data only).
# When run as root the server runs as the `postgres` OS user (root cannot run postgres); otherwise as
# the current user.
#
# Prints ONE line on stdout: the path of an env file (mode 600) holding
#   STORAGE_TEST_PG_URL, STORAGE_TEST_PG_USER, STORAGE_TEST_PG_PASSWORD, STORAGE_TEST_PG_DIR
# The password is written only to that file, never printed. Typical use:
#   pg_env="$(tests/pg/start.sh)" && set -a && . "$pg_env" && set +a
#   ./jbang tests/StorageTest.java
#   tests/pg/stop.sh "$pg_env"
# Server binaries: $PG_BIN if set, else the newest /usr/lib/postgresql/*/bin, else `pg_config --bindir`.
set -euo pipefail

log() { echo "tests/pg/start.sh: $*" >&2; }
die() { log "$*"; exit 1; }

# --- server binaries
. "$(dirname "$0")/common.sh"
bin="$(pg_bin)"
[ -n "$bin" ] && [ -x "$bin/initdb" ] && [ -x "$bin/pg_ctl" ] \
  || die "PostgreSQL server binaries not found (install the Debian package 'postgresql' or set PG_BIN)"

# --- who runs the server
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || die "running as root but there is no 'postgres' OS user to run the server"
  as_pg() { runuser -u postgres -- "$@"; }
  owner=postgres
else
  as_pg() { "$@"; }
  owner="$(id -un)"
fi

# --- state dir, owned by the server user
dir="$(mktemp -d "${TMPDIR:-/tmp}/storage-test-pg.XXXXXX")"
chmod 700 "$dir"
[ "$owner" = "$(id -un)" ] || chown "$owner" "$dir"
cleanup_on_error() {
  local rc=$?
  if [ $rc -ne 0 ]; then
    [ -f "$dir/server.log" ] && tail -n 20 "$dir/server.log" >&2 || true
    as_pg "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
  fi
}
trap cleanup_on_error EXIT

user=storage_test
password="$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"
pwfile="$dir/pwfile"
( umask 077; printf '%s\n' "$password" > "$pwfile" )
[ "$owner" = "$(id -un)" ] || chown "$owner" "$pwfile"

as_pg "$bin/initdb" -D "$dir/data" -U "$user" --pwfile="$pwfile" -A scram-sha-256 -E UTF8 \
  --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
rm -f "$pwfile"

# --- a free port: pick a random one nobody listens on; retry if the server cannot bind it
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
started=""
for attempt in 1 2 3 4 5 6 7 8; do
  port=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
  port_in_use "$port" && continue
  if as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
       -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=50" \
       start >/dev/null 2>&1; then
    started=1; break
  fi
  log "could not start on port $port (attempt $attempt), trying another"
done
[ -n "$started" ] || die "server did not start (see log above)"

db=storage_test
url="jdbc:postgresql://127.0.0.1:$port/postgres"
# A dedicated database, so tests never touch 'postgres'.
if [ -x "$bin/createdb" ]; then
  PGPASSWORD="$password" "$bin/createdb" -h 127.0.0.1 -p "$port" -U "$user" "$db" >/dev/null 2>&1 \
    && url="jdbc:postgresql://127.0.0.1:$port/$db"
fi

envfile="$dir/pg.env"
( umask 077
  {
    echo "STORAGE_TEST_PG_URL='$url'"
    echo "STORAGE_TEST_PG_USER='$user'"
    echo "STORAGE_TEST_PG_PASSWORD='$password'"
    echo "STORAGE_TEST_PG_DIR='$dir'"
  } > "$envfile" )
trap - EXIT
log "PostgreSQL $("$bin/pg_ctl" --version | awk '{print $3}') up at $url (user $user; credentials in $envfile)"
echo "$envfile"
