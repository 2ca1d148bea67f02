#!/bin/sh
# The fuzz-only MAC bypass must not exist outside the fuzzing build:
# fail when any object of the given archives or binaries defines or
# references an ipmi_fuzz_* symbol.  Usage: check-no-fuzz-symbols.sh NM FILE...
nm=$1
shift
status=0
for f in "$@"; do
	if ! out=$("$nm" -A "$f" 2>&1); then
		echo "$f: $out" >&2
		status=1
		continue
	fi
	if printf '%s\n' "$out" | grep -E '[ _]ipmi_fuzz_' >&2; then
		echo "$f: fuzz-only symbols in a normal build" >&2
		status=1
	fi
done
[ $status -eq 0 ] && echo "no ipmi_fuzz_* symbol in: $*"
exit $status
