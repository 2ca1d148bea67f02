#!/usr/bin/env bash
# Run every harness:  fuzz/run-all.sh SECONDS [BUILDDIR]
# One fuzz/run.sh per fuzz/fuzz-*.c harness (FUZZ_JOBS at a time, default
# 1); prints run.sh's summary line per target and fails when any failed.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:?usage: fuzz/run-all.sh SECONDS [BUILDDIR]}
builddir=${2:-$top/build-fuzz}
case "$builddir" in /*) ;; *) builddir=$PWD/$builddir ;; esac
jobs=${FUZZ_JOBS:-1}

# A harness is a fuzz/fuzz-*.c that defines LLVMFuzzerTestOneInput; its
# binary is only built when the part it tests is in the tree.
targets=()
for src in $(grep -l '^LLVMFuzzerTestOneInput' "$top"/fuzz/fuzz-*.c); do
	t=$(basename "$src" .c)
	targets+=("${t#fuzz-}")
done
"$top/fuzz/run.sh" "${targets[0]}" 0 "$builddir" >/dev/null || exit 2
avail=$(ninja -C "$builddir" -t targets all 2>/dev/null)
for i in "${!targets[@]}"; do
	grep -q "^fuzz/fuzz-${targets[$i]}:" <<<"$avail" || unset 'targets[i]'
done
targets=("${targets[@]}")

# Build everything once, so parallel runs do not race.
ninja -C "$builddir" "${targets[@]/#/fuzz/fuzz-}" >/dev/null || exit 2

export FUZZ_NO_BUILD=1
failed=0
running=0
for t in "${targets[@]}"; do
	"$top/fuzz/run.sh" "$t" "$seconds" "$builddir" &
	running=$((running + 1))
	if [ $running -ge "$jobs" ]; then
		wait -n || failed=$((failed + 1))
		running=$((running - 1))
	fi
done
while [ $running -gt 0 ]; do
	wait -n || failed=$((failed + 1))
	running=$((running - 1))
done
[ $failed -eq 0 ] || { echo "$failed harness(es) failed"; exit 1; }
echo "all ${#targets[@]} harnesses OK"
