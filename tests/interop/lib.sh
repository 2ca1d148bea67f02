# lib.sh - shared by the interop tests: TAP output, starting bmcsim on its
# own loopback port, running the real tools and comparing their output with
# tests/interop/expected/.  Sourced by each test script, which sets
#   BMCSIM    the bmcsim binary   (argument 1 of every script, from meson)
#   EXPECTED  tests/interop/expected
# and calls bmcsim_start, then the checks, then tap_done.
set -u

# meson passes the binary relative to the build directory; tests cd around.
case "$BMCSIM" in
/*) ;;
*) BMCSIM="$(cd "$(dirname "$BMCSIM")" && pwd)/$(basename "$BMCSIM")" ;;
esac

TAP_N=0
TAP_FAILED=0
WORK=$(mktemp -d "${TMPDIR:-/tmp}/bmcsim-test.XXXXXX")
BMCSIM_PID=
export HOME="$WORK/home" # ipmitool and FreeIPMI keep state under $HOME
mkdir -p "$HOME"

cleanup() {
	if [ -n "$BMCSIM_PID" ]; then
		kill "$BMCSIM_PID" 2>/dev/null
		wait "$BMCSIM_PID" 2>/dev/null
	fi
	rm -rf "$WORK"
}
trap cleanup EXIT
# A killed test (meson's timeout, ^C) must not leave bmcsim behind: sh runs
# the EXIT trap on exit, not on a signal.
trap 'exit 130' INT TERM HUP

ok() {
	TAP_N=$((TAP_N + 1))
	echo "ok $TAP_N - $1"
}

not_ok() {
	TAP_N=$((TAP_N + 1))
	TAP_FAILED=1
	echo "not ok $TAP_N - $1"
}

diag() {
	sed 's/^/# /'
}

tap_done() {
	echo "1..$TAP_N"
	exit $TAP_FAILED
}

# A missing tool is a failure, never a silent skip.
require() {
	for t in "$@"; do
		if command -v "$t" >/dev/null 2>&1; then
			ok "tool $t is installed"
		else
			not_ok "tool $t is installed (install it: scripts/deps.sh test)"
		fi
	done
}

# bmcsim_start LISTEN [bmcsim options...]: start bmcsim, wait for its
# ready line (at most 10 s).  When the port is taken (another run of these
# tests on the same machine), try PORT+1000, +2000, ... and update PORT.
# Fails the test run when bmcsim does not come up.
bmcsim_start() {
	listen=$1
	shift
	BMCSIM_OUT="$WORK/bmcsim.out"
	BMCSIM_ERR="$WORK/bmcsim.err"
	for _try in 1 2 3 4 5; do
		"$BMCSIM" --listen "$listen" "$@" >"$BMCSIM_OUT" 2>"$BMCSIM_ERR" &
		BMCSIM_PID=$!
		for _ in $(seq 1 200); do
			if grep -q '^bmcsim: listening on ' "$BMCSIM_OUT" 2>/dev/null; then
				ok "bmcsim ready on $listen"
				return 0
			fi
			if ! kill -0 "$BMCSIM_PID" 2>/dev/null; then
				break
			fi
			sleep 0.05
		done
		wait "$BMCSIM_PID" 2>/dev/null
		BMCSIM_PID=
		grep -q 'Address already in use' "$BMCSIM_ERR" || break
		case "$listen" in
		*:"$PORT") ;;
		*) break ;;
		esac
		PORT=$((PORT + 1000))
		listen="${listen%:*}:$PORT"
	done
	not_ok "bmcsim ready on $listen"
	diag <"$BMCSIM_ERR"
	tap_done
}

bmcsim_stop() {
	if [ -n "$BMCSIM_PID" ]; then
		kill "$BMCSIM_PID"
		wait "$BMCSIM_PID" 2>/dev/null
		BMCSIM_PID=
	fi
}

# expect NAME EXPECTED-FILE STATUS COMMAND...: run the command; its standard
# output (filtered through $FILTER when set) must equal the file exactly and
# its exit status must be STATUS ("nonzero" for any failure).
expect() {
	name=$1 file=$2 want=$3
	shift 3
	out="$WORK/out" err="$WORK/err"
	"$@" >"$out.raw" 2>"$err"
	rc=$?
	if [ -n "${FILTER:-}" ]; then
		sed -E "$FILTER" "$out.raw" >"$out"
	else
		cp "$out.raw" "$out"
	fi
	status_ok=0
	if [ "$want" = nonzero ]; then
		[ "$rc" -ne 0 ] && status_ok=1
	else
		[ "$rc" -eq "$want" ] && status_ok=1
	fi
	# REGEN=1: record the output as expected (then review it!).
	if [ "${REGEN:-}" = 1 ] && [ $status_ok = 1 ]; then
		mkdir -p "$(dirname "$EXPECTED/$file")"
		cp "$out" "$EXPECTED/$file"
	fi
	if [ ! -f "$EXPECTED/$file" ]; then
		not_ok "$name (no expected output $file)"
		diag <"$out"
	elif [ $status_ok = 1 ] && cmp -s "$out" "$EXPECTED/$file"; then
		ok "$name"
	else
		not_ok "$name (exit $rc, want $want)"
		diff -u "$EXPECTED/$file" "$out" | diag
		diag <"$err"
	fi
}

# expect_err NAME EXPECTED-FILE COMMAND...: the command must fail and its
# standard error (without ipmitool's "Loading IANA PEN Registry..." line)
# must equal the file exactly.
expect_err() {
	name=$1 file=$2
	shift 2
	out="$WORK/out" err="$WORK/err"
	"$@" >"$out" 2>"$err.raw"
	rc=$?
	grep -v '^Loading IANA PEN Registry\.\.\.$' "$err.raw" >"$err"
	if [ "${REGEN:-}" = 1 ] && [ "$rc" -ne 0 ]; then
		mkdir -p "$(dirname "$EXPECTED/$file")"
		cp "$err" "$EXPECTED/$file"
	fi
	if [ ! -f "$EXPECTED/$file" ]; then
		not_ok "$name (no expected output $file)"
		diag <"$err"
	elif [ "$rc" -ne 0 ] && cmp -s "$err" "$EXPECTED/$file"; then
		ok "$name"
	else
		not_ok "$name (exit $rc, want non-zero)"
		diff -u "$EXPECTED/$file" "$err" | diag
	fi
}

# ipmitool against the bmcsim of this test: PORT, USER, PASS, SUITE from
# the environment of the caller.
ipmi() {
	timeout 30 ipmitool -I lanplus -H "${HOST:-127.0.0.1}" -p "$PORT" -U "${USER_NAME:-admin}" \
		-P "${PASS:-password}" -C "${SUITE:-17}" -N 1 -R 2 "$@"
}

# FreeIPMI common options.
fipmi_opts() {
	echo "-h ${HOST:-127.0.0.1}:$PORT -u ${USER_NAME:-admin} -p ${PASS:-password}" \
		"-I ${SUITE:-17} --driver-type=LAN_2_0 --session-timeout=5000" \
		"--retransmission-timeout=500"
}
