#!/usr/bin/env bash
# pipeline/check.sh - runs pipeline/main.nf with the local executor on generated data and checks that its
# models_combined.csv and models_tidy.csv are byte-identical to the ones `./jbang slices.java` writes, then
# that a -resume run takes every task from the cache (which needs the launcher's --add-opens flags).
# Exit 0 when all holds; prints what differs otherwise. For CI: `bash pipeline/check.sh`.
# KEEP=1 keeps the scratch folder.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/slices-check.XXXXXX")"
[ -n "${KEEP:-}" ] || trap 'rm -rf "$tmp"' EXIT
fail() { echo "pipeline/check.sh: FAILED: $*" >&2; exit 1; }

# 1. Data: y = a + b*x1 + c*x2 + noise per region (awk, seeded), some NA/empty cells, a 2-row slice and a
#    slice with a constant x1; gzip-compressed.
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
}' | gzip -n > "$tmp/regions.csv.gz"

args=(--by region --x x1,x2 --y y --na median)

# A snapshot of the code under test, so that edits made in the checkout while this runs (other people work in
# the same tree) can neither mix versions nor defeat the -resume check.
mkdir -p "$tmp/project"
tar -C "$root" --exclude=./.git --exclude=./.nextflow --exclude=./work --exclude=./results --exclude=./out \
    --exclude=./plots -cf - . | tar -C "$tmp/project" -xf -
proj="$tmp/project"

# 2. The direct run.
t0=$(date +%s.%N)
"$proj/jbang" "$proj/slices.java" "$tmp/regions.csv.gz" "${args[@]}" --out "$tmp/direct" --store "$tmp/direct/store" --no-plots --quiet \
  || fail "slices.java exited $?"
t1=$(date +%s.%N)

# 3. The workflow (launched from the scratch folder so .nextflow/ and work/ land there).
cd "$tmp"
nf=("$root/nextflow" run "$proj/pipeline/main.nf" --file "$tmp/regions.csv.gz" --by region --x x1,x2 --y y --na median
    --out nf -w "$tmp/work")   # a relative --out on purpose: the tasks must still save to <launch dir>/nf/store
"${nf[@]}" > "$tmp/nf-run1.log" 2>&1 || { cat "$tmp/nf-run1.log" >&2; fail "nextflow run exited non-zero"; }
t2=$(date +%s.%N)

for f in models_combined.csv models_tidy.csv; do
  [ -s "$tmp/nf/$f" ] || fail "the workflow wrote no $f"
  diff -u "$tmp/direct/$f" "$tmp/nf/$f" >&2 || fail "$f from the workflow differs from slices.java's"
done
grep -q '^tiny,2,.*,failed,too few rows' "$tmp/nf/models_combined.csv" || fail "slice 'tiny' lacks its 'too few rows' row"
grep -q "^flat,.*,failed,constant predictor 'x1'" "$tmp/nf/models_combined.csv" || fail "slice 'flat' lacks its constant-predictor row"
[ "$(grep -c 'Submitted process > FIT_SLICE' "$tmp/nf-run1.log")" = 6 ] || fail "expected 6 FIT_SLICE tasks"
[ -f "$tmp/nf/plots/index.html" ] || fail "no chart in $tmp/nf/plots"
models="$(find "$tmp/nf/store/slices/region" -name manifest.json | wc -l)"
[ "$models" = 4 ] || fail "expected the 4 fitted slices' models in $tmp/nf/store, found $models"

# 4. -resume: everything cached.
"${nf[@]}" -resume > "$tmp/nf-run2.log" 2>&1 || { cat "$tmp/nf-run2.log" >&2; fail "nextflow -resume exited non-zero"; }
t3=$(date +%s.%N)
if grep -q 'Submitted process' "$tmp/nf-run2.log"; then
  cat "$tmp/nf-run2.log" >&2
  fail "-resume re-ran tasks (task cache not working)"
fi
cmp -s "$tmp/direct/models_combined.csv" "$tmp/nf/models_combined.csv" || fail "-resume changed models_combined.csv"

secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
echo "pipeline/check.sh: OK - workflow tables equal slices.java's ($(($(wc -l < "$tmp/direct/models_combined.csv") - 1)) slices);" \
  "slices.java $(secs "$t0" "$t1") s, nextflow run $(secs "$t1" "$t2") s, -resume $(secs "$t2" "$t3") s (all cached)"
