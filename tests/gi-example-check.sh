#!/bin/sh
# examples/python/mc-info.py through GObject Introspection against a bmcsim
# started here on a free loopback port (killed at the end): the typed call,
# ipmi_client_request_sync() and the _async calls print the same device
# ID; a wrong password is an error naming it.  TAP, one line per check.
# usage: gi-example-check.sh SOURCE-ROOT PYTHON BMCSIM
# (GI_TYPELIB_PATH and LD_LIBRARY_PATH point into the build tree)
ROOT=$1 PY=$2 BMCSIM=$3
if ! "$PY" -c 'import gi; gi.require_version("Ipmi", "0"); from gi.repository import Ipmi' \
	2>/dev/null; then
	echo "1..0 # SKIP $PY cannot load the Ipmi typelib (python3-gi missing?)"
	exit 0
fi
TMP=$(mktemp -d "${TMPDIR:-/tmp}/gi-check.XXXXXX")
SIM=
cleanup() {
	[ -n "$SIM" ] && kill "$SIM" 2>/dev/null && wait "$SIM" 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT

N=0
FAILED=0
result() { # ok? description
	N=$((N + 1))
	if [ "$1" = 0 ]; then
		echo "ok $N - $2"
	else
		FAILED=1
		echo "not ok $N - $2"
		sed 's/^/# /' "$TMP/out" "$TMP/err" 2>/dev/null
	fi
}

started=1
for _ in 1 2 3 4 5; do
	PORT=$("$PY" -c 'import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])')
	"$BMCSIM" -l "127.0.0.1:$PORT" >"$TMP/sim.log" 2>&1 &
	SIM=$!
	i=0
	while [ $i -lt 50 ] && ! grep -q "listening on" "$TMP/sim.log"; do
		kill -0 "$SIM" 2>/dev/null || break
		sleep 0.1
		i=$((i + 1))
	done
	if grep -q "listening on" "$TMP/sim.log"; then
		started=0
		break
	fi
	kill "$SIM" 2>/dev/null
	wait "$SIM" 2>/dev/null
	SIM=
done
result $started "bmcsim listens on 127.0.0.1:$PORT"
[ $started = 0 ] || { echo "1..$N"; exit 1; }

cat >"$TMP/want" <<'WANT'
Device ID         : 32
Firmware Revision : 1.23
IPMI Version      : 2.0
Manufacturer ID   : 32473
Product ID        : 2908
WANT
for mode in typed --raw --async; do
	flag=$mode
	[ "$mode" = typed ] && flag=
	timeout 30 "$PY" "$ROOT/examples/python/mc-info.py" -H 127.0.0.1 -p "$PORT" -U admin \
		-P password -C 17 $flag >"$TMP/out" 2>"$TMP/err"
	rc=$?
	[ $rc = 0 ] && cmp -s "$TMP/out" "$TMP/want"
	result $? "mc-info.py $mode: Get Device ID over suite 17"
done

timeout 30 "$PY" "$ROOT/examples/python/mc-info.py" -H 127.0.0.1 -p "$PORT" -U admin \
	-P wrong -C 17 >"$TMP/out" 2>"$TMP/err"
rc=$?
[ $rc = 1 ] && grep -q "wrong user name or password" "$TMP/err"
result $? "mc-info.py: a wrong password is an error"

echo "1..$N"
exit $FAILED
