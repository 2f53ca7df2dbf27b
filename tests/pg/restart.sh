#!/usr/bin/env bash
# tests/pg/restart.sh - restart (fast: connections are cut) a cluster started by tests/pg/start.sh, on the
# same port with the same settings. Used by the test that the first call after a server restart works.
# Usage: tests/pg/restart.sh ENV_FILE   (the path start.sh printed), or with STORAGE_TEST_PG_DIR set.
set -euo pipefail
log() { echo "tests/pg/restart.sh: $*" >&2; }

dir="${STORAGE_TEST_PG_DIR:-}"
if [ $# -ge 1 ]; then dir="$(dirname "$1")"; fi
[ -n "$dir" ] || { log "usage: tests/pg/restart.sh ENV_FILE (or set STORAGE_TEST_PG_DIR)"; exit 2; }
case "$(basename "$dir")" in
  storage-test-pg.*) ;;
  *) log "refusing: '$dir' is not a dir made by tests/pg/start.sh"; exit 2 ;;
esac
[ -f "$dir/data/postmaster.pid" ] || { log "no server running in $dir"; exit 1; }

bin="${PG_BIN:-}"
if [ -z "$bin" ]; then
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$d/pg_ctl" ]; then bin="$d"; break; fi
  done
fi
if [ -z "$bin" ] && command -v pg_config >/dev/null 2>&1; then bin="$(pg_config --bindir)"; fi
[ -n "$bin" ] || { log "pg_ctl not found (set PG_BIN)"; exit 1; }

# pg_ctl restart reuses the options the server was started with (data/postmaster.opts).
if [ "$(id -u)" = 0 ]; then
  runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -m fast -w -t 60 restart >/dev/null
else
  "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -m fast -w -t 60 restart >/dev/null
fi
log "restarted the server in $dir"
