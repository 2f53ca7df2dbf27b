# tests/pg/common.sh - sourced by start.sh, stop.sh and restart.sh (not run on its own).
# pg_bin: the server binaries: $PG_BIN if set, else the newest /usr/lib/postgresql/*/bin holding initdb and
# pg_ctl, else `pg_config --bindir`; empty when none is found.
pg_bin() {
  local bin="${PG_BIN:-}" d
  if [ -z "$bin" ]; then
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
      if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then bin="$d"; break; fi
    done
  fi
  if [ -z "$bin" ] && command -v pg_config >/dev/null 2>&1; then bin="$(pg_config --bindir)"; fi
  printf '%s' "$bin"
}

# pg_dir SCRIPT [ENV_FILE]: the cluster dir start.sh made (from ENV_FILE or $STORAGE_TEST_PG_DIR); exits 2
# unless it is one of ours, so stop.sh never deletes anything else.
pg_dir() {
  local me="$1" dir="${STORAGE_TEST_PG_DIR:-}"
  if [ $# -ge 2 ]; then dir="$(dirname "$2")"; fi
  [ -n "$dir" ] || { echo "$me: usage: $me ENV_FILE (or set STORAGE_TEST_PG_DIR)" >&2; exit 2; }
  case "$(basename "$dir")" in
    storage-test-pg.*) ;;
    *) echo "$me: refusing: '$dir' is not a dir made by tests/pg/start.sh" >&2; exit 2 ;;
  esac
  printf '%s' "$dir"
}
