#!/usr/bin/env bash
# container/build.sh - builds the project's image from the checkout it sits in, from nothing on a Debian machine.
#
#   bash container/build.sh [--image NAME] [--base IMAGE]
#     --image  the tag to build (default localhost/adx:latest; env IMAGE)
#     --base   the base image (default localhost/debian:bookworm; env BASE). A localhost/debian:SUITE base
#              that is not there yet is made with debootstrap from the Debian mirror apt already uses (no
#              registry); any other base (eclipse-temurin:17-jdk, debian:bookworm-slim, ...) is pulled by the engine.
#   env ENGINE=podman|docker (default: podman when installed, else docker when its daemon answers), BUILD_OPTS (extra build flags,
#   e.g. --network host for a dockerd started with --bridge=none), MIRROR (the Debian mirror for debootstrap).
#
# Steps, each printed with its duration: install podman/runc/debootstrap when missing (apt-get, as root),
# make the base (once: later runs reuse it), export the jobs on the host with ./jbang (slices.java and
# analysis.java as self-contained jars + lib/, the same code a native run compiles), build, smoke-test.
# Idempotent: a second run reuses the base and the engine's layer cache.
# Podman: when CONTAINERS_CONF is unset and runc is installed, container/containers.conf is used (the settings
# machines like the project's VMs need; see that file).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
root="$(cd "$here/.." && pwd -P)"
image="${IMAGE:-localhost/adx:latest}"
base="${BASE:-localhost/debian:bookworm}"
while [ "$#" -gt 0 ]; do
  case "$1" in
    --image) image="${2:?--image needs a name}"; shift 2 ;;
    --base) base="${2:?--base needs an image}"; shift 2 ;;
    -h|--help) sed -n '2,18p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "container/build.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done

t_all=$(date +%s.%N)
say() { echo "[build] $*" >&2; }
die() { echo "container/build.sh: $*" >&2; exit 1; }
secs() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }
# step NAME CMD...: runs CMD, prints NAME and how long it took
step() {
  local name="$1"; shift
  local t; t=$(date +%s.%N)
  say "$name ..."
  "$@" || die "$name failed"
  say "$name: done in $(secs "$t") s"
}
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else die "needs root for: $*"; fi; }
apt_install() {
  command -v apt-get >/dev/null 2>&1 || die "missing $*, and this is not a Debian/Ubuntu machine: install them yourself"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# --- 1. the engine
engine="${ENGINE:-}"
if [ -z "$engine" ]; then
  if command -v podman >/dev/null 2>&1; then engine=podman
  # a docker CLI alone is not an engine: some machines have the client but no daemon behind it
  elif command -v docker >/dev/null 2>&1 && timeout 30 docker info >/dev/null 2>&1; then engine=docker
  else step "install podman runc (apt-get)" apt_install podman runc; engine=podman
  fi
fi
command -v "$engine" >/dev/null 2>&1 || die "ENGINE=$engine is not installed"
if [ "$engine" = podman ] && [ -z "${CONTAINERS_CONF:-}" ] && command -v runc >/dev/null 2>&1; then
  export CONTAINERS_CONF="$here/containers.conf"
fi
say "engine: $engine${CONTAINERS_CONF:+ (CONTAINERS_CONF=$CONTAINERS_CONF)}; image $image on $base"
build_opts=()
[ -z "${BUILD_OPTS:-}" ] || read -r -a build_opts <<< "$BUILD_OPTS"

# --- 2. the base
make_debian_base() {   # localhost/debian:SUITE -> debootstrap --variant=minbase SUITE from the apt mirror
  local suite="${base##*:}" mirror="${MIRROR:-}" rootfs
  if [ -z "$mirror" ]; then
    # The mirror apt already uses (deb822 .sources or one-line .list), so no other host is contacted.
    mirror="$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null | sed -n 's/^URIs: *\([^ ]*\).*/\1/p' | grep -v -- '-security' | head -n 1)"
    [ -n "$mirror" ] || mirror="$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
                                  | awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) { print $i; exit } }' | grep -v -- '-security' | head -n 1)"
    [ -n "$mirror" ] || mirror=http://deb.debian.org/debian
  fi
  command -v debootstrap >/dev/null 2>&1 || step "install debootstrap (apt-get)" apt_install debootstrap
  rootfs="$(mktemp -d "${TMPDIR:-/var/tmp}/adx-rootfs.XXXXXX")"
  say "debootstrap --variant=minbase $suite from $mirror"
  as_root debootstrap --variant=minbase "$suite" "$rootfs" "$mirror" > "$rootfs.log" 2>&1 \
    || { tail -n 20 "$rootfs.log" >&2; as_root rm -rf "$rootfs"; return 1; }
  # apt's lists and downloaded packages are not part of an image (204 -> 121 MB); apt-get update refills them.
  as_root rm -rf "$rootfs/var/cache/apt/archives/"*.deb "$rootfs/var/lib/apt/lists/"*
  as_root tar -C "$rootfs" -c . | "$engine" import - "$base" >/dev/null 2>"$rootfs.log" || { cat "$rootfs.log" >&2; false; }
  local rc=$?
  as_root rm -rf "$rootfs"; rm -f "$rootfs.log"
  return $rc
}
if "$engine" image inspect "$base" >/dev/null 2>&1; then
  say "base $base: present, reused"
elif [[ "$base" == localhost/debian:* ]]; then
  step "make base $base (debootstrap + import)" make_debian_base
else
  step "pull base $base" "$engine" pull "$base"
fi

# --- 3. the jobs, exported on the host from this checkout
ctx="$(mktemp -d "${TMPDIR:-/tmp}/adx-context.XXXXXX")"
trap 'rm -rf "$ctx"' EXIT
mkdir -p "$ctx/app"
export_jobs() {
  local job jobs=()
  for job in slices analysis; do
    [ -f "$root/$job.java" ] || continue
    "$root/jbang" --quiet export portable --force -O "$ctx/app/$job.jar" "$root/$job.java" >/dev/null || return 1
    # The script's own JVM options (//JAVA_OPTIONS lines), applied by the entrypoint like jbang would.
    sed -n 's|^//JAVA_OPTIONS[[:space:]]*||p' "$root/$job.java" | tr '\n' ' ' | sed 's/ *$//' > "$ctx/app/$job.jvmopts"; echo >> "$ctx/app/$job.jvmopts"
    jobs+=("$job")
  done
  [ "${#jobs[@]}" -gt 0 ] || { echo "no slices.java or analysis.java in $root" >&2; return 1; }
  [ -f "$ctx/app/analysis.jar" ] && jobs+=(predict)
  echo "${jobs[*]}" > "$ctx/app/JOBS"
  # The image's JDK 17 must be able to load the classes: refuse jars from a newer host javac.
  local major
  local cls; cls="$(jar tf "$ctx/app/${jobs[0]}.jar" | grep '\.class$' | head -n 1)"
  mkdir -p "$ctx/probe" && (cd "$ctx/probe" && jar xf "$ctx/app/${jobs[0]}.jar" "$cls")
  major="$(od -An -j6 -N2 -tu1 "$ctx/probe/$cls" | awk '{ print $1 * 256 + $2 }')"
  rm -rf "$ctx/probe"
  if [ -n "$major" ] && [ "$major" -gt 61 ]; then
    echo "the host's javac wrote class files for Java $((major - 44)); the image runs Java 17. Build with a JDK 17 (JAVA_HOME=...)." >&2
    return 1
  fi
  {
    echo "jobs: ${jobs[*]}"
    echo "source: $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$root" diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)')"
    echo "base: $base ($("$engine" image inspect --format '{{.Id}}' "$base" | cut -c1-12))"
  } > "$ctx/app/BUILD_INFO"
}
step "export the jobs (jbang export portable)" export_jobs
cp "$here/entrypoint.sh" "$ctx/entrypoint.sh"
say "jobs: $(cat "$ctx/app/JOBS"); $(du -sh "$ctx/app" | cut -f1) of jars"

# --- 4. the image (no build date inside: unchanged sources give the same layers and the same image)
old_id="$("$engine" image inspect --format '{{.Id}}' "$image" 2>/dev/null || true)"
step "build $image" "$engine" build -q "${build_opts[@]}" --build-arg "BASE=$base" -t "$image" -f "$here/Containerfile" "$ctx"

# --- 5. smoke test: the entrypoint, Java, a job's --help
smoke() {
  "$engine" run --rm "$image" --version &&
  "$engine" run --rm "$image" slices --help >/dev/null
}
new_id="$("$engine" image inspect --format '{{.Id}}' "$image")"
if [ -n "$old_id" ] && [ "$old_id" != "$new_id" ]; then
  # The previous build lost its tag: remove it unless something else still uses it.
  "$engine" rmi "$old_id" >/dev/null 2>&1 && say "removed the previous build ${old_id:0:12}" || true
fi
step "smoke test ($engine run --rm $image --version / slices --help)" smoke
size="$("$engine" image inspect --format '{{.Size}}' "$image" | awk '{ printf "%.0f MB", $1 / 1e6 }')"
say "OK: $image, $size, built in $(secs "$t_all") s"
