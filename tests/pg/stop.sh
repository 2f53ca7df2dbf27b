#!/usr/bin/env bash
# tests/pg/stop.sh - stop a cluster started by tests/pg/start.sh and delete its temp dir.
# Usage: tests/pg/stop.sh ENV_FILE   (the path start.sh printed), or with STORAGE_TEST_PG_DIR set.
set -euo pipefail
log() { echo "tests/pg/stop.sh: $*" >&2; }

dir="${STORAGE_TEST_PG_DIR:-}"
if [ $# -ge 1 ]; then dir="$(dirname "$1")"; fi
[ -n "$dir" ] || { log "usage: tests/pg/stop.sh ENV_FILE (or set STORAGE_TEST_PG_DIR)"; exit 2; }
# Only ever delete a dir this tooling created.
case "$(basename "$dir")" in
  storage-test-pg.*) ;;
  *) log "refusing: '$dir' is not a dir made by tests/pg/start.sh"; exit 2 ;;
esac
[ -d "$dir" ] || { log "nothing to stop: $dir does not exist"; exit 0; }

bin="${PG_BIN:-}"
if [ -z "$bin" ]; then
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$d/pg_ctl" ]; then bin="$d"; break; fi
  done
fi
if [ -z "$bin" ] && command -v pg_config >/dev/null 2>&1; then bin="$(pg_config --bindir)"; fi

if [ -n "$bin" ] && [ -f "$dir/data/postmaster.pid" ]; then
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || log "pg_ctl stop failed"
  else
    "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || log "pg_ctl stop failed"
  fi
fi
rm -rf "$dir"
log "stopped and removed $dir"
