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

# The capture of the demo's own sessions, decrypted with the password and
# with the key log.  Skipped only when the demo could not capture (not
# root, no sudo); as root it must have captured.
count() { grep -cF -- "$1" "$OUT"; }
expect_count() { # expect_count DESCRIPTION WANT GOT
	N=$((N + 1))
	if [ "$3" -eq "$2" ]; then
		echo "ok $N - $1 ($3)"
	else
		FAILED=1
		echo "not ok $N - $1: want $2, got $3"
	fi
}
if grep -q "capture skipped" "$OUT" && [ "$(id -u)" -ne 0 ]; then
	N=$((N + 1))
	echo "ok $N - decrypted capture # SKIP $(grep -m1 'capture skipped' "$OUT")"
else
	check "on lo, filter 'udp port "
	# Exactly what the BMC answered, decrypted and verified:
	check "[encrypted, integrity ok] App (07h) Get Device ID (01h) response rqSeq 02h cc 00h (Command completed normally) data [2001012302dfd97e005c0b00000000]"
	check "[encrypted, integrity ok] Chassis (01h) Get Chassis Status (01h) response rqSeq 02h cc 00h (Command completed normally) data [01004000]"
	check "[encrypted, integrity ok] Storage (0Bh) Get SEL Entry (43h) response"
	check "[encrypted, integrity ok] Storage (0Bh) Get SDR (23h) response"
	check "[encrypted, integrity ok] Storage (0Bh) Read FRU Data (11h) response"
	# five ipmictl runs: five sessions, each matched by the password and
	# then by its own key-log entry
	expect_count "sessions matched by the password" 5 "$(count 'credential 1 (user "admin") matches RAKP2')"
	expect_count "key-log lines (SIK not shown)" 5 "$(grep -c '^RMCPP [0-9a-f]\{32\} .*<SIK: 32 bytes>$' "$OUT")"
	expect_count "sessions decrypted from the key log" 5 "$(grep -c 'keys from key-log entry [1-5] (same Rm)$' "$OUT")"
	# every in-session message of the password run verified and decrypted:
	# two per request/response, none failed
	enc=$(count "[encrypted, integrity ok]")
	N=$((N + 1))
	if [ "$enc" -ge 60 ] && [ $((enc % 2)) -eq 0 ]; then
		echo "ok $N - $enc in-session messages decrypted"
	else
		FAILED=1
		echo "not ok $N - in-session messages decrypted: $enc"
	fi
	expect_count "messages not verified or not decrypted" 0 \
		"$(grep -cE 'integrity check failed|not decrypted|no credential' "$OUT")"
	check "message lines are the same as with the password"
	check "== Done: the captured sessions decrypt with the password and with the key log"
fi
echo "1..$N"
exit $FAILED
