#!/usr/bin/env bash
# tests/pg/restart.sh - restart (fast: connections are cut) a cluster started by tests/pg/start.sh, on the
# same port with the same settings. Used by the test that the first call after a server restart works.
# Usage: tests/pg/restart.sh ENV_FILE   (the path start.sh printed), or with STORAGE_TEST_PG_DIR set.
set -euo pipefail
log() { echo "tests/pg/restart.sh: $*" >&2; }

. "$(dirname "$0")/common.sh"
dir="$(pg_dir tests/pg/restart.sh "$@")"
[ -f "$dir/data/postmaster.pid" ] || { log "no server running in $dir"; exit 1; }

bin="$(pg_bin)"
[ -n "$bin" ] || { log "pg_ctl not found (set PG_BIN)"; exit 1; }

# pg_ctl restart reuses the options the server was started with (data/postmaster.opts).
if [ "$(id -u)" = 0 ]; then
  runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -m fast -w -t 60 restart >/dev/null
else
  "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -m fast -w -t 60 restart >/dev/null
fi
log "restarted the server in $dir"
