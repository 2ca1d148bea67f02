#!/usr/bin/env bash
# The test command.  On a fresh Debian 12 machine: install what the tests
# need, then
#   1. build and run every test (meson test) in build/;
#   2. build again with ASan and UBSan and run the whole suite once more
#      in build-asan/ (the Wireshark plugin is left out there: tshark is not
#      an ASan program);
#   3. run every libFuzzer harness for FUZZ_SECONDS (default 30) each in a
#      clang build, build-fuzz/ (FUZZ_SECONDS=0 skips it).
# Ends with "N passed, N failed" over all three; exits non-zero when
# anything failed.  Idempotent: builds are reused, packages installed once.
set -uo pipefail
cd "$(dirname "$0")/.."

scripts/deps.sh test || { echo "0 passed, 1 failed"; exit 1; }

fail_setup=0
logs=()

# run_suite BUILDDIR MESON_SETUP_ARGS...
run_suite() {
	local dir=$1
	shift
	echo "== meson test in $dir ($*)"
	if [ -f "$dir/build.ninja" ]; then
		meson setup --reconfigure "$dir" "$@" >/dev/null
	else
		meson setup "$dir" "$@" >/dev/null
	fi || { echo "meson setup $dir failed"; fail_setup=$((fail_setup + 1)); return; }
	meson compile -C "$dir" >/dev/null || {
		meson compile -C "$dir" 2>&1 | tail -30
		echo "build in $dir failed"
		fail_setup=$((fail_setup + 1))
		return
	}
	meson test -C "$dir" --print-errorlogs --num-processes 2 "${MESON_TEST_ARGS[@]}"
	logs+=("$dir/meson-logs/testlog.json")
}

MESON_TEST_ARGS=("$@")
run_suite "${BUILDDIR:-build}" -Dwireshark=enabled -Dintrospection=enabled
if [ "${SKIP_ASAN:-0}" != 1 ]; then
	# The sanitizers make the timing-sensitive interop tests slower: give
	# meson's timeouts room rather than weaken any test.
	MESON_TEST_ARGS=("$@" --timeout-multiplier 3)
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		run_suite build-asan -Dwireshark=disabled -Db_sanitize=address,undefined \
		-Db_lundef=false -Dbuildtype=debug
fi

fuzz_pass=0
fuzz_fail=0
seconds=${FUZZ_SECONDS:-30}
if [ "$seconds" != 0 ]; then
	echo "== libFuzzer: every harness for ${seconds}s"
	out=$(FUZZ_JOBS=2 fuzz/run-all.sh "$seconds" build-fuzz 2>&1)
	echo "$out"
	fuzz_pass=$(grep -c ': OK ' <<<"$out")
	fuzz_fail=$(grep -c ': FAILED' <<<"$out")
	grep -q '^all .* harnesses OK' <<<"$out" || [ "$fuzz_fail" -gt 0 ] || fuzz_fail=1
fi

python3 scripts/test-summary.py --extra "$fuzz_pass" "$((fuzz_fail + fail_setup))" "${logs[@]}"
