#!/bin/sh
# Runs scripts/demo.sh against this build directory (dependencies and build
# left to meson) on its own port, and checks the key lines of its output:
# one TAP line per check.
# usage: demo-check.sh SOURCE-ROOT BUILD-DIR PORT
ROOT=$1 BUILD=$2 PORT=$3
OUT=$(mktemp "${TMPDIR:-/tmp}/demo-check.XXXXXX")
trap 'rm -f "$OUT"' EXIT
N=0
FAILED=0
check() {
	N=$((N + 1))
	if grep -qF -- "$1" "$OUT"; then
		echo "ok $N - $1"
	else
		FAILED=1
		echo "not ok $N - $1"
	fi
}

BUILDDIR=$BUILD DEMO_PORT=$PORT DEMO_SKIP_DEPS=1 DEMO_SKIP_BUILD=1 TZ=UTC \
	"$ROOT/scripts/demo.sh" >"$OUT" 2>&1
rc=$?
N=$((N + 1))
if [ $rc -eq 0 ]; then
	echo "ok $N - scripts/demo.sh exits 0"
else
	FAILED=1
	echo "not ok $N - scripts/demo.sh exits 0 (exit $rc)"
	sed 's/^/# /' "$OUT"
fi
check "bmcsim: listening on 127.0.0.1:"
check "-C 17 mc info"
check "Manufacturer ID           : 32473"
check "System Power         : on"
check "CPU Temp         | "
check "| discrete   | 0x0180"
check "Power Supply #0x30 | Presence detected | Asserted"
check " Product Name          : ExampleServer 2240"
check "FRU Device Description : PS1 FRU (ID 1)"
check "== Done: every command answered over a suite-17 session"
check "bmcsim stopped"
echo "1..$N"
exit $FAILED
