#!/usr/bin/env bash
# container/check.sh - CI's container check (.ci/run calls it): builds the project's image and proves it works.
#   1. installs podman + runc + debootstrap when no engine is there (a docker client without a daemon is none; apt-get, as root or with sudo);
#   2. builds the image with container/build.sh (base via debootstrap when missing; reused otherwise);
#   3. runs the Nextflow workflow with every task in the image, -profile podman on generated data and
#      -profile docker on Palmer Penguins (../shared/reference/penguins.csv, else penguins-shaped generated data;
#      with podman, `docker` is a shim onto it): tables byte-identical to slices.java's, -resume all cached, no
#      host path mounted but the folders Nextflow stages, task metrics from ps (pipeline/check.sh --profile);
#   4. runs `IMAGE analysis /data --out /data/report` on the committed sample as the README says, and checks
#      the report and the store it wrote against a native ./jbang analysis.java run (every eda/ table
#      byte-identical), then `IMAGE predict` against a native predict.
# Exit 0 when all holds, or when this machine cannot run containers at all: then it prints
# "container/check.sh: SKIPPED - <reason>". Non-zero with what differs otherwise.
# env IMAGE (default localhost/adx:latest), BASE, ENGINE as in build.sh; KEEP=1 keeps the scratch folder.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
root="$(cd "$here/.." && pwd -P)"
export IMAGE="${IMAGE:-localhost/adx:latest}"
base="${BASE:-localhost/debian:bookworm}"
me=container/check.sh
t_all=$(date +%s.%N)
secs() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }
skip() { echo "$me: SKIPPED - $*"; exit 0; }
fail() { echo "$me: FAILED: $*" >&2; exit 1; }
say() { echo "[$me] $*"; }
can_root() { [ "$(id -u)" = 0 ] || sudo -n true 2>/dev/null; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi; }

[ "$(uname -s)" = Linux ] || skip "containers need Linux (this is $(uname -s))"

# --- 1. an engine
engine="${ENGINE:-}"
if [ -z "$engine" ]; then
  if command -v podman >/dev/null 2>&1; then engine=podman
  # a docker CLI alone is not an engine: some machines have the client but no daemon behind it
  elif command -v docker >/dev/null 2>&1 && timeout 30 docker info >/dev/null 2>&1; then engine=docker
  else
    command -v apt-get >/dev/null 2>&1 || skip "no podman or docker, and no apt-get to install podman"
    can_root || skip "no podman or docker, and no root (or passwordless sudo) to install podman"
    t=$(date +%s.%N)
    say "installing podman runc debootstrap (apt-get) ..."
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends podman runc debootstrap >/dev/null \
      || fail "apt-get install podman runc debootstrap failed"
    say "installed in $(secs "$t") s"
    engine=podman
  fi
fi
export ENGINE="$engine"
if [ "$engine" = podman ] && [ -z "${CONTAINERS_CONF:-}" ] && command -v runc >/dev/null 2>&1; then
  export CONTAINERS_CONF="$here/containers.conf"
fi
if [[ "$base" == localhost/debian:* ]] && ! "$engine" image inspect "$base" >/dev/null 2>&1; then
  can_root || skip "the base image $base is missing and making it (debootstrap) needs root or passwordless sudo"
  command -v debootstrap >/dev/null 2>&1 || command -v apt-get >/dev/null 2>&1 || skip "no debootstrap and no apt-get to install it"
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/container-check.XXXXXX")"
[ -n "${KEEP:-}" ] || trap 'rm -rf "$tmp"' EXIT

# --- 2. the image
t=$(date +%s.%N)
if ! bash "$here/build.sh" 2>&1 | tee "$tmp/build.log"; then
  # Tell "this machine cannot run containers" (SKIPPED) from "the image is broken" (FAILED): run the base.
  if "$engine" image inspect "$base" >/dev/null 2>&1 && ! "$engine" run --rm "$base" true > "$tmp/probe.log" 2>&1; then
    skip "$engine cannot start a container here: $(grep -v '^$' "$tmp/probe.log" | tail -n 1)"
  fi
  fail "container/build.sh failed (log above)"
fi
build_s=$(secs "$t")
size="$("$engine" image inspect --format '{{.Size}}' "$IMAGE" | awk '{ printf "%.0f MB", $1 / 1e6 }')"

# --- 3. the workflow in containers
shim=()
if [ "$engine" = podman ]; then
  # The docker profile, run by podman through a `docker` shim (same CLI): one engine, one image store.
  mkdir -p "$tmp/bin"
  printf '#!/bin/sh\nexec podman "$@"\n' > "$tmp/bin/docker"; chmod +x "$tmp/bin/docker"
  shim=(env "PATH=$tmp/bin:$PATH")
  first_profile=podman
else
  first_profile=docker
fi
t=$(date +%s.%N)
bash "$root/pipeline/check.sh" --profile "$first_profile" --data regions | tee "$tmp/wf1.log" || fail "the workflow in containers (-profile $first_profile, regions)"
"${shim[@]}" bash "$root/pipeline/check.sh" --profile docker --data penguins | tee "$tmp/wf2.log" || fail "the workflow in containers (-profile docker, penguins)"
wf_s=$(secs "$t")

# --- 4. the main job in the container, as the README runs it, against a native run on the same sample
t=$(date +%s.%N)
mkdir -p "$tmp/sample" "$tmp/native"
cp "$root/data/people.csv" "$root/data/exposures.csv" "$root/data/site_visits.csv" "$tmp/sample/"
(cd "$tmp/sample" && "$engine" run --rm -v "$PWD:/data" "$IMAGE" analysis /data --out /data/report) > "$tmp/analysis.out" 2> "$tmp/analysis.err" \
  || { tail -n 20 "$tmp/analysis.err" >&2; fail "'$engine run ... $IMAGE analysis /data --out /data/report' exited non-zero"; }
[ -s "$tmp/sample/report/index.html" ] || fail "the container's analysis wrote no report/index.html"
ls "$tmp/sample/report/" | grep -q '^plotly.*\.js$' || fail "the container's report has no local plotly.js"
! grep -qE '(src|href)="https?://' "$tmp/sample/report/index.html" || fail "the container's report loads something from the network"
store="$tmp/sample/results/store"     # analysis's default --store, relative to the image's WORKDIR /data
[ -d "$store/eda" ] || fail "the container's analysis wrote no store at results/store (the mounted folder)"
[ -n "$(find "$store/models" -path '*card*' -name manifest.json 2>/dev/null)" ] || fail "the container's store has no model card"
(cd "$root" && ./jbang analysis.java "$tmp/sample" --out "$tmp/native/report" --store "$tmp/native/store") > "$tmp/native.out" 2> "$tmp/native.err" \
  || { tail -n 20 "$tmp/native.err" >&2; fail "the native ./jbang analysis.java run exited non-zero"; }
# Every payload the native run saved (the eda/ tables, the model card), byte for byte once the two differences
# that must be there are evened out: the input path (/data in the container) and save times ("...At" fields).
norm() { sed -E -e "s#$tmp/sample#/data#g" -e 's/"([A-Za-z]+At)":"[^"]*"/"\1":""/g' "$1"; }
tables=0
while IFS= read -r f; do
  rel="${f#"$tmp/native/store/"}"
  [ -f "$store/$rel" ] || fail "the container's store lacks $rel"
  cmp -s <(norm "$f") <(norm "$store/$rel") || { diff <(norm "$f") <(norm "$store/$rel") | head -n 10 >&2; fail "$rel differs between the container's and the native run"; }
  tables=$((tables + 1))
done < <(find "$tmp/native/store" -name 'data.*' | sort)
[ "$tables" -ge 10 ] || fail "expected the exploratory tables and the card in the native store, found $tables"
# (The terminal output holds paths and timings; the store holds the same tables, compared above.)
[ -s "$tmp/analysis.out" ] || fail "the container's analysis printed no tables"
# predict with the card the container saved: exit 0 (no drift) or 3 (drift), same predictions as natively.
rc=0; (cd "$tmp/sample" && "$engine" run --rm -v "$PWD:/data" "$IMAGE" predict --people /data/people.csv --out /data/predictions.csv) \
  > "$tmp/predict.out" 2> "$tmp/predict.err" || rc=$?
[ "$rc" = 0 ] || [ "$rc" = 3 ] || { tail -n 20 "$tmp/predict.err" >&2; fail "'$IMAGE predict' exited $rc"; }
rc=0; (cd "$root" && ./jbang analysis.java predict --people "$tmp/sample/people.csv" --store "$tmp/native/store" --out "$tmp/native/predictions.csv") \
  > "$tmp/native-predict.out" 2> "$tmp/native-predict.err" || rc=$?
[ "$rc" = 0 ] || [ "$rc" = 3 ] || { tail -n 20 "$tmp/native-predict.err" >&2; fail "native predict exited $rc"; }
[ "$(head -n 1 "$tmp/sample/predictions.csv")" = "person_id,predicted_exposures,lower_90,upper_90,p_zero" ] || fail "predictions.csv has the wrong header"
[ "$(wc -l < "$tmp/sample/predictions.csv")" = "$(wc -l < "$tmp/sample/people.csv")" ] || fail "predictions.csv does not have one row per person"
cmp -s "$tmp/native/predictions.csv" "$tmp/sample/predictions.csv" || fail "the container's predictions differ from the native ones"
job_s=$(secs "$t")

say "image $IMAGE: $size, build.sh $build_s s; workflow checks $wf_s s; analysis + predict checks $job_s s"
grep -h 'OK -' "$tmp/wf1.log" "$tmp/wf2.log" | sed "s|^|[$me] |"
echo "$me: OK - image built and run with $engine; workflow in containers equals slices.java (generated + penguins data);" \
  "analysis in the container: $tables tables identical to the native run, report offline, predictions identical; $(secs "$t_all") s in all"
