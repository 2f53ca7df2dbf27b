#!/bin/bash
# /usr/local/bin/adx in the project's image, its ENTRYPOINT; also reached as /usr/local/bin/<job> (symlinks).
#   IMAGE analysis /data --out /data/report     the main job (analysis.jar)
#   IMAGE predict --people /data/new.csv ...     = analysis predict ...
#   IMAGE slices FILE.csv --by COL --x COL --y COL
#   IMAGE --version | --help                     what the image holds
#   IMAGE anything else                          run as a command (Nextflow's `/bin/bash -ue .command.sh`, java -version)
# JVM options: the script's own //JAVA_OPTIONS (baked in at build time), then $JAVA_OPTS (later wins, e.g.
# JAVA_OPTS=-Xmx6g).
set -euo pipefail
app=/opt/adx

run_job() {   # run_job JAR [ARGS...]
  local jar="$1"; shift
  local -a opts=()
  [ -s "$app/$jar.jvmopts" ] && { read -r -a opts < "$app/$jar.jvmopts" || true; }
  local -a extra=()
  [ -n "${JAVA_OPTS:-}" ] && read -r -a extra <<< "$JAVA_OPTS"
  exec java "${opts[@]}" "${extra[@]}" -jar "$app/$jar.jar" "$@"
}

usage() {
  echo "usage: IMAGE JOB [ARGS...]   jobs: $(cat "$app/JOBS")   (IMAGE JOB --help for a job's options)"
  echo "       IMAGE --version        the sources and tools this image was built from"
  echo "       IMAGE COMMAND...       any other command, e.g. java -version"
}

name="$(basename "$0")"
if [ "$name" = adx ]; then
  [ "$#" -gt 0 ] || { usage; exit 2; }
  name="$1"; shift
fi
case "$name" in
  --help|-h|help) usage ;;
  --version) cat "$app/BUILD_INFO"; java -version 2>&1 | head -n 1 ;;
  predict) [ -f "$app/analysis.jar" ] || { echo "adx: this image has no analysis job" >&2; exit 2; }
           run_job analysis predict "$@" ;;
  *) if [ -f "$app/$name.jar" ] && [[ "$name" =~ ^[a-z][a-z0-9_-]*$ ]]; then run_job "$name" "$@"; fi
     exec "$name" "$@" ;;
esac
