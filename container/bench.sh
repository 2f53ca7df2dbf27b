#!/usr/bin/env bash
# container/bench.sh - the Nextflow workflow's wall time natively (local executor) vs with every task in the
# project's image, alternating the two so machine load hits both alike; prints each run and the best.
#   bash container/bench.sh [--runs N] [--profile podman|docker] [FILE.csv]   (default: 3 runs, podman,
#   ../shared/reference/penguins.csv; the image must be built: bash container/build.sh)
# Each run starts cold (a fresh work folder, no -resume); the native runs include the BUILD step (a jbang
# export from a warm cache), the container runs the IMAGE step.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
root="$(cd "$here/.." && pwd -P)"
runs=3 profile=podman file="$root/../shared/reference/penguins.csv"
while [ "$#" -gt 0 ]; do
  case "$1" in
    --runs) runs="${2:?}"; shift 2 ;;
    --profile) profile="${2:?}"; shift 2 ;;
    -*) echo "container/bench.sh: unknown option '$1'" >&2; exit 2 ;;
    *) file="$1"; shift ;;
  esac
done
[ -f "$file" ] || { echo "container/bench.sh: no $file (pass a CSV with species, bill_length_mm, flipper_length_mm)" >&2; exit 2; }
if [ "$profile" = podman ] && [ -z "${CONTAINERS_CONF:-}" ] && command -v runc >/dev/null 2>&1; then
  export CONTAINERS_CONF="$here/containers.conf"
fi
tmp="$(mktemp -d "${TMPDIR:-/tmp}/container-bench.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
file="$(cd "$(dirname "$file")" && pwd -P)/$(basename "$file")"

one() {   # one LABEL [-profile P]: prints the wall seconds of one cold run
  local dir; dir="$(mktemp -d "$tmp/run.XXXXXX")"
  local t; t=$(date +%s.%N)
  (cd "$dir" && "$root/nextflow" run "$root/pipeline/main.nf" "${@:2}" --file "$file" --by species \
      --x bill_length_mm --y flipper_length_mm --out out > nf.log 2>&1) || { cat "$dir/nf.log" >&2; echo "container/bench.sh: the $1 run failed" >&2; exit 1; }
  awk -v a="$t" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'
  rm -rf "$dir"
}
native=() boxed=()
for i in $(seq 1 "$runs"); do
  n="$(one native)"; native+=("$n")
  c="$(one "$profile" -profile "$profile")"; boxed+=("$c")
  echo "run $i: native $n s, -profile $profile $c s"
done
best() { printf '%s\n' "$@" | sort -g | head -n 1; }
echo "container/bench.sh: $(basename "$file"), best of $runs: native $(best "${native[@]}") s, -profile $profile $(best "${boxed[@]}") s ($(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg))"
