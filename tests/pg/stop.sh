#!/usr/bin/env bash
# tests/pg/stop.sh - stop a cluster started by tests/pg/start.sh and delete its temp dir.
# Usage: tests/pg/stop.sh ENV_FILE   (the path start.sh printed), or with STORAGE_TEST_PG_DIR set.
set -euo pipefail
log() { echo "tests/pg/stop.sh: $*" >&2; }

. "$(dirname "$0")/common.sh"
dir="$(pg_dir tests/pg/stop.sh "$@")"
[ -d "$dir" ] || { log "nothing to stop: $dir does not exist"; exit 0; }

bin="$(pg_bin)"

if [ -n "$bin" ] && [ -f "$dir/data/postmaster.pid" ]; then
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || log "pg_ctl stop failed"
  else
    "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || log "pg_ctl stop failed"
  fi
fi
rm -rf "$dir"
log "stopped and removed $dir"
