#!/usr/bin/env bash
# pipeline/check.sh - runs pipeline/main.nf on generated data and checks that its models_combined.csv and
# models_tidy.csv are byte-identical to the ones `./jbang slices.java` writes, then that a -resume run takes
# every task from the cache (which needs the launcher's --add-opens flags).
#   bash pipeline/check.sh [--profile podman|docker] [--data regions|penguins]
#     --profile  run the tasks in the project's image (container/build.sh must have built it; podman on machines
#                like the project's VMs needs CONTAINERS_CONF=container/containers.conf). Also checks that
#                every task ran in a container that mounted only the scratch data and run folders (not the
#                checkout, not ~/.m2 or ~/.jbang) and that Nextflow's task metrics (ps) worked in it.
#     --data     regions (default): generated, 6 slices incl. a too-small and a constant-predictor one;
#                penguins: ../shared/reference/penguins.csv when present, else generated Palmer Penguins-shaped
#                data (same columns, NA cells, 3 species).
# Exit 0 when all holds; prints what differs otherwise. For CI: `bash pipeline/check.sh`.
# KEEP=1 keeps the scratch folder.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
profile="" data_kind=regions
while [ "$#" -gt 0 ]; do
  case "$1" in
    --profile) profile="${2:?--profile needs a name}"; shift 2 ;;
    --data) data_kind="${2:?--data needs regions or penguins}"; shift 2 ;;
    *) echo "pipeline/check.sh: unknown option '$1' (usage: bash pipeline/check.sh [--profile NAME] [--data regions|penguins])" >&2; exit 2 ;;
  esac
done
case "$data_kind" in regions|penguins) ;; *) echo "pipeline/check.sh: --data must be regions or penguins, not '$data_kind'" >&2; exit 2 ;; esac
tmp="$(mktemp -d "${TMPDIR:-/tmp}/slices-check.XXXXXX")"
[ -n "${KEEP:-}" ] || trap 'rm -rf "$tmp"' EXIT
me="pipeline/check.sh${profile:+ (-profile $profile)}"
fail() { echo "$me: FAILED: $*" >&2; exit 1; }
# Inputs in io/data/, the workflow launched from io/run/ (its .nextflow/, work/ and outputs land there), the code
# snapshot in project/. With containers only io/ may be mounted: Nextflow mounts the folders of the staged
# inputs and the work folder, and merges sibling folders into their parent (here io/).
io="$tmp/io"
mkdir -p "$io/data" "$io/run"

# 1. Data.
if [ "$data_kind" = penguins ]; then
  ref="$root/../shared/reference/penguins.csv"
  if [ -f "$ref" ]; then cp "$ref" "$io/data/penguins.csv"; data_src="$ref"
  else
    # Palmer Penguins-shaped: the file's columns, 344 rows, NA cells (bills and flippers of two birds, sex
    # of eleven), per-species flipper ~ bill lines near the real ones.
    awk 'BEGIN {
      srand(20261201);
      print "species,island,bill_length_mm,bill_depth_mm,flipper_length_mm,body_mass_g,sex,year";
      split("Adelie Chinstrap Gentoo", S, " "); n["Adelie"]=152; n["Chinstrap"]=68; n["Gentoo"]=124;
      isl["Adelie"]="Torgersen"; isl["Chinstrap"]="Dream"; isl["Gentoo"]="Biscoe";
      mb["Adelie"]=38.8; a["Adelie"]=158.9; b["Adelie"]=0.80;
      mb["Chinstrap"]=48.8; a["Chinstrap"]=146.6; b["Chinstrap"]=1.01;
      mb["Gentoo"]=47.5; a["Gentoo"]=151.1; b["Gentoo"]=1.39;
      row = 0;
      for (i = 1; i <= 3; i++) { s = S[i];
        for (k = 0; k < n[s]; k++) { row++;
          bl = mb[s] + (rand() + rand() + rand() - 1.5) * 5;
          fl = a[s] + b[s] * bl + (rand() + rand() + rand() - 1.5) * 10;
          sbl = sprintf("%.1f", bl); sfl = sprintf("%.0f", fl); sex = (rand() < 0.5) ? "male" : "female";
          sbd = sprintf("%.1f", 14 + rand() * 7); sbm = sprintf("%.0f", 3000 + rand() * 3000);
          if (row == 4 || row == 272) { sbl = "NA"; sfl = "NA"; sbd = "NA"; sbm = "NA"; sex = "NA" }
          if (row % 31 == 9) sex = "NA";
          printf "%s,%s,%s,%s,%s,%s,%s,%d\n", s, isl[s], sbl, sbd, sfl, sbm, sex, 2007 + k % 3 }
      }
    }' > "$io/data/penguins.csv"
    data_src="generated (Palmer Penguins-shaped; $ref is absent)"
  fi
  data="$io/data/penguins.csv"
  args=(--by species --x bill_length_mm --y flipper_length_mm --na drop)
  expect_slices=3
else
# regions: y = a + b*x1 + c*x2 + noise per region (awk, seeded), some NA/empty cells, a 2-row slice and a
# slice with a constant x1; gzip-compressed.
data="$io/data/regions.csv.gz"; data_src=generated
args=(--by region --x x1,x2 --y y --na median)
expect_slices=6
awk 'BEGIN {
  srand(20261124);
  print "region,x1,x2,note,y";
  split("north south east west", R, " ");
  a["north"]=1; b["north"]=2;    c["north"]=-1;
  a["south"]=5; b["south"]=-0.5; c["south"]=0.3;
  a["east"]=0;  b["east"]=1;     c["east"]=1;
  a["west"]=-2; b["west"]=0.25;  c["west"]=2;
  for (i = 1; i <= 4; i++) { r = R[i];
    for (k = 0; k < 150; k++) {
      x1 = rand() * 10; x2 = rand() * 4 - 2; e = (rand() + rand() + rand() - 1.5) * 2;
      y = a[r] + b[r] * x1 + c[r] * x2 + e;
      sx1 = sprintf("%.5f", x1); sy = sprintf("%.5f", y);
      if (k % 37 == 5) sx1 = "NA"; if (k % 53 == 7) sx1 = ""; if (k % 61 == 11) sy = "NA";
      printf "%s,%s,%.5f,\"row %d, %s\",%s\n", r, sx1, x2, k, r, sy }
  }
  print "tiny,1,2,a,3"; print "tiny,2,3,b,5";
  for (k = 0; k < 12; k++) printf "flat,4,%d,c,%d\n", k, 3 * k + k % 2;
  print "NA,1,1,no region,1";
}' | gzip -n > "$data"
fi

# A snapshot of the code under test, so that edits made in the checkout while this runs (other people work in
# the same tree) can neither mix versions nor defeat the -resume check.
mkdir -p "$tmp/project"
tar -C "$root" --exclude=./.git --exclude=./.nextflow --exclude=./work --exclude=./results --exclude=./out \
    --exclude=./plots -cf - . | tar -C "$tmp/project" -xf -
proj="$tmp/project"

# 2. The direct run.
t0=$(date +%s.%N)
"$proj/jbang" "$proj/slices.java" "$data" "${args[@]}" --out "$tmp/direct" --store "$tmp/direct/store" --no-plots --quiet \
  || fail "slices.java exited $?"
t1=$(date +%s.%N)

# 3. The workflow (launched from run/ so .nextflow/ and work/ land there).
cd "$io/run"
nf=("$root/nextflow" run "$proj/pipeline/main.nf" --file "$data" "${args[@]}"
    --out nf -w "$io/run/work")   # a relative --out on purpose: the tasks must still save to <launch dir>/nf/store
[ -z "$profile" ] || nf+=(-profile "$profile")
trace=(); [ -z "$profile" ] || trace=(-with-trace "$io/run/trace.txt")
"${nf[@]}" "${trace[@]}" > "$tmp/nf-run1.log" 2>&1 || { cat "$tmp/nf-run1.log" >&2; fail "nextflow run exited non-zero"; }
t2=$(date +%s.%N)
out="$io/run/nf"

for f in models_combined.csv models_tidy.csv; do
  [ -s "$out/$f" ] || fail "the workflow wrote no $f"
  diff -u "$tmp/direct/$f" "$out/$f" >&2 || fail "$f from the workflow differs from slices.java's"
done
[ "$(grep -c 'Submitted process > FIT_SLICE' "$tmp/nf-run1.log")" = "$expect_slices" ] || fail "expected $expect_slices FIT_SLICE tasks"
[ -f "$out/plots/index.html" ] || fail "no chart in $out/plots"
if [ "$data_kind" = regions ]; then
  grep -q '^tiny,2,.*,failed,too few rows' "$out/models_combined.csv" || fail "slice 'tiny' lacks its 'too few rows' row"
  grep -q "^flat,.*,failed,constant predictor 'x1'" "$out/models_combined.csv" || fail "slice 'flat' lacks its constant-predictor row"
  by=region expect_models=4
else
  [ "$(grep -c ',ok,$' "$out/models_combined.csv")" = 3 ] || fail "expected 3 fitted species in models_combined.csv"
  by=species expect_models=3
fi
models="$(find "$out/store/slices/$by" -name manifest.json | wc -l)"
[ "$models" = "$expect_models" ] || fail "expected the $expect_models fitted slices' models in $out/store, found $models"

# 3b. With containers: every task ran in one, which mounted only io/ (what Nextflow stages), and
#     Nextflow's task metrics (ps in the image) worked.
if [ -n "$profile" ]; then
  grep -q 'Submitted process > IMAGE' "$tmp/nf-run1.log" || fail "no IMAGE step: the tasks did not run from the image"
  tasks=0
  while IFS= read -r run_file; do
    tasks=$((tasks + 1))
    line="$(grep -E '^ *(podman|docker) run ' "$run_file" | head -n 1)"
    [ -n "$line" ] || fail "$run_file does not start a container"
    # -v SRC:DST pairs; each source must lie inside io/ (so neither the checkout nor ~/.m2 or ~/.jbang).
    for m in $(grep -oE -- '-v [^ ]+' <<< "$line" | cut -c4- | cut -d: -f1); do
      case "$m/" in "$io/"*) ;; *) fail "a task container mounted $m (only $io may be): $line" ;; esac
    done
  done < <(find "$io/run/work" -name .command.run)
  [ "$tasks" = "$((expect_slices + 3))" ] || fail "expected $((expect_slices + 3)) tasks, found $tasks"
  rss="$(awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "peak_rss") c = i; next } $c != "-" && $c != "" { n++ } END { print n + 0 }' "$io/run/trace.txt")"
  [ "$rss" -ge "$expect_slices" ] || fail "the trace has peak_rss for only $rss tasks (no ps in the image?)"
fi

# 4. -resume: everything cached.
"${nf[@]}" -resume > "$tmp/nf-run2.log" 2>&1 || { cat "$tmp/nf-run2.log" >&2; fail "nextflow -resume exited non-zero"; }
t3=$(date +%s.%N)
if grep -q 'Submitted process' "$tmp/nf-run2.log"; then
  cat "$tmp/nf-run2.log" >&2
  fail "-resume re-ran tasks (task cache not working)"
fi
cmp -s "$tmp/direct/models_combined.csv" "$out/models_combined.csv" || fail "-resume changed models_combined.csv"

secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
echo "$me: OK - $data_kind data ($data_src): workflow tables equal slices.java's ($(($(wc -l < "$tmp/direct/models_combined.csv") - 1)) slices);" \
  "slices.java $(secs "$t0" "$t1") s, nextflow run $(secs "$t1" "$t2") s, -resume $(secs "$t2" "$t3") s (all cached)"
