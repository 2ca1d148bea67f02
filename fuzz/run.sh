#!/usr/bin/env bash
# Run one libFuzzer harness:  fuzz/run.sh TARGET SECONDS [BUILDDIR]
#
# Configures BUILDDIR (default build-fuzz) as a clang -Dfuzzing=true build
# when it does not exist, builds fuzz-TARGET, and fuzzes for SECONDS with
# fuzz/TARGET.dict, starting from fuzz/corpus/TARGET (read only: new inputs
# go to BUILDDIR/fuzz-corpus/TARGET, crash inputs to
# BUILDDIR/fuzz-artifacts/TARGET/).  SECONDS 0: configure and build only.
# Fails on any crash, leak, timeout or sanitizer report; the last line is
# a summary:
#   TARGET: OK|FAILED  N execs  N exec/s  cov N  corpus N
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
target=${1:?usage: fuzz/run.sh TARGET SECONDS [BUILDDIR]}
seconds=${2:?usage: fuzz/run.sh TARGET SECONDS [BUILDDIR]}
builddir=${3:-$top/build-fuzz}
case "$builddir" in /*) ;; *) builddir=$PWD/$builddir ;; esac

if [ ! -f "$top/fuzz/fuzz-$target.c" ]; then
	echo "run.sh: no harness fuzz/fuzz-$target.c" >&2
	exit 2
fi
if [ ! -f "$builddir/build.ninja" ]; then
	CC=${CC:-clang} meson setup "$builddir" "$top" -Dfuzzing=true >/dev/null ||
		{ echo "run.sh: meson setup $builddir failed" >&2; exit 2; }
fi
if ! meson introspect "$builddir" --buildoptions 2>/dev/null |
	python3 -c 'import json,sys; o={x["name"]:x["value"] for x in json.load(sys.stdin)}; sys.exit(0 if o.get("fuzzing") else 1)'; then
	echo "run.sh: $builddir is not a -Dfuzzing=true build" >&2
	exit 2
fi
# run-all.sh builds every harness first (FUZZ_NO_BUILD=1): parallel runs
# must not each regenerate the build.
if [ -z "${FUZZ_NO_BUILD:-}" ]; then
	ninja -C "$builddir" "fuzz/fuzz-$target" >/dev/null ||
		{ echo "run.sh: build of fuzz-$target failed" >&2; exit 2; }
fi

[ "$seconds" = 0 ] && exit 0 # configure and build only

case "$target" in
console | bmc | observer | channel) max_len=8192 ;;
*) max_len=2048 ;;
esac
corpus=$builddir/fuzz-corpus/$target
artifacts=$builddir/fuzz-artifacts/$target
log=$builddir/fuzz-logs/$target.log
mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
"$builddir/fuzz/fuzz-$target" \
	-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len="$max_len" \
	-dict="$top/fuzz/$target.dict" -artifact_prefix="$artifacts/" -print_final_stats=1 \
	"$corpus" "$top/fuzz/corpus/$target" >"$log" 2>&1
rc=$?

stat() { sed -n "s/^stat::$1: *//p" "$log" | tail -1; }
execs=$(stat number_of_executed_units)
rate=$(stat average_exec_per_sec)
cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | cut -d' ' -f2)
size=$(find "$corpus" -type f | wc -l)
if [ $rc -ne 0 ] || grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error:|invariant broken' "$log"; then
	grep -E 'ERROR|runtime error|invariant broken|SUMMARY|Test unit written' "$log" | head -20 >&2
	echo "$target: FAILED (exit $rc, log $log)"
	exit 1
fi
echo "$target: OK  ${execs:-?} execs  ${rate:-?} exec/s  cov ${cov:-?}  corpus $size"
