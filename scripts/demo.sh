#!/usr/bin/env bash
# The demo: a simulated BMC (bmcsim) and ipmictl talking to it through an
# IPMI v2.0 RMCP+ session with cipher suite 17 (HMAC-SHA256, AES-CBC-128).
#   1. install the Debian packages the build needs (scripts/deps.sh demo);
#   2. configure and build in build/ when needed;
#   3. start bmcsim's default BMC on 127.0.0.1, port 6230 when free;
#   4. capture that port on lo (dumpcap, with a capture filter on the port);
#   5. run ipmictl: mc info, chassis status, sensor list, sel list, fru print,
#      with a session key log (IPMI_KEYLOG_FILE);
#   6. stop the capture and decrypt it with ipmi-pcap twice: with the
#      password (-U/-P), and with the key log alone (--keylog);
#   7. stop bmcsim and the capture (also on failure or ^C).
# Capturing needs root or dumpcap's capabilities (Debian: the wireshark
# group); otherwise `sudo -n dumpcap` is tried, and without that the demo
# says so and skips steps 4 and 6.
# Idempotent; exits non-zero when any step fails.
# Environment: BUILDDIR (build), DEMO_PORT (first port to try, 6230),
# DEMO_SKIP_DEPS=1 / DEMO_SKIP_BUILD=1 (the tests set them),
# DEMO_NO_CAPTURE=1 (skip the capture).
set -euo pipefail
cd "$(dirname "$0")/.."

BUILDDIR=${BUILDDIR:-build}
PORT=${DEMO_PORT:-6230}
BMCSIM="$BUILDDIR/simulator/bmcsim"
IPMICTL="$BUILDDIR/tools/ipmictl"
IPMI_PCAP="$BUILDDIR/dissector/ipmi-pcap"

step() { printf '\n== %s\n' "$*"; }
die() {
	echo "demo: $*" >&2
	exit 1
}

if [ "${DEMO_SKIP_DEPS:-0}" != 1 ]; then
	step "Checking the build dependencies (scripts/deps.sh demo)"
	scripts/deps.sh demo || die "cannot install the build dependencies"
fi

if [ "${DEMO_SKIP_BUILD:-0}" != 1 ]; then
	if [ ! -f "$BUILDDIR/build.ninja" ]; then
		step "Configuring $BUILDDIR (meson setup)"
		meson setup "$BUILDDIR" >/dev/null || die "meson setup failed"
	fi
	step "Building (meson compile -C $BUILDDIR)"
	meson compile -C "$BUILDDIR" >/dev/null || die "the build failed (run: meson compile -C $BUILDDIR)"
fi
[ -x "$BMCSIM" ] && [ -x "$IPMICTL" ] || die "$BMCSIM or $IPMICTL missing"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/ipmi-demo.XXXXXX")
SIM_PID=
CAP_PID=
stop_capture() {
	if [ -n "$CAP_PID" ] && kill -0 "$CAP_PID" 2>/dev/null; then
		kill -INT "$CAP_PID" 2>/dev/null || true
		for _ in $(seq 1 50); do
			kill -0 "$CAP_PID" 2>/dev/null || break
			sleep 0.1
		done
		kill -TERM "$CAP_PID" 2>/dev/null || true
		wait "$CAP_PID" 2>/dev/null || true
	fi
	CAP_PID=
}
cleanup() {
	stop_capture
	if [ -n "$SIM_PID" ] && kill -0 "$SIM_PID" 2>/dev/null; then
		kill "$SIM_PID" 2>/dev/null || true
		wait "$SIM_PID" 2>/dev/null || true
		echo "bmcsim stopped"
	fi
	rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

# Start bmcsim at $PORT; when the port is taken, try the next ones.
start_bmcsim() {
	for _try in $(seq 1 20); do
		: >"$WORK/sim.out"
		"$BMCSIM" --listen "127.0.0.1:$PORT" >"$WORK/sim.out" 2>"$WORK/sim.err" &
		SIM_PID=$!
		for _ in $(seq 1 100); do
			if grep -q '^bmcsim: listening on ' "$WORK/sim.out"; then
				sed 's/^/  /' "$WORK/sim.out"
				return 0
			fi
			kill -0 "$SIM_PID" 2>/dev/null || break
			sleep 0.05
		done
		wait "$SIM_PID" 2>/dev/null || true
		SIM_PID=
		grep -q 'Address already in use' "$WORK/sim.err" || {
			cat "$WORK/sim.err" >&2
			return 1
		}
		echo "  port $PORT is taken, trying $((PORT + 1))"
		PORT=$((PORT + 1))
	done
	return 1
}

step "Starting the simulated BMC (bmcsim, users admin/password, operator, user)"
start_bmcsim || die "bmcsim did not start"

# Capture the demo's port on lo: dumpcap as we are (root, or dumpcap with
# its capabilities), else through `sudo -n`.  Sets CAP_PID; returns 1 (with
# the reason on stdout) when no capture runs.
CAP="$WORK/demo.pcapng"
start_capture() {
	if [ "${DEMO_NO_CAPTURE:-0}" = 1 ]; then
		echo "  capture skipped: DEMO_NO_CAPTURE=1"
		return 1
	fi
	command -v dumpcap >/dev/null || {
		echo "  capture skipped: dumpcap is not installed (scripts/deps.sh demo installs tshark)"
		return 1
	}
	[ -x "$IPMI_PCAP" ] || {
		echo "  capture skipped: $IPMI_PCAP is not built (it needs libpcap-dev)"
		return 1
	}
	local how
	for how in "" "sudo -n"; do
		[ -z "$how" ] || command -v sudo >/dev/null || continue
		: >"$WORK/dumpcap.log"
		# shellcheck disable=SC2086 # $how is a command prefix
		$how dumpcap -q -i lo -f "udp port $PORT" -w "$CAP" >"$WORK/dumpcap.log" 2>&1 &
		CAP_PID=$!
		for _ in $(seq 1 100); do
			if grep -q "Capturing on" "$WORK/dumpcap.log"; then
				# dumpcap says so before it opens the device: still
				# running a moment later means it captures.
				sleep 0.3
				kill -0 "$CAP_PID" 2>/dev/null || break
				echo "  dumpcap ${how:+(via $how) }on lo, filter 'udp port $PORT'"
				return 0
			fi
			kill -0 "$CAP_PID" 2>/dev/null || break
			sleep 0.05
		done
		stop_capture
	done
	echo "  capture skipped: dumpcap cannot capture on lo as $(id -un):"
	grep -m1 -i 'permission\|error\|denied' "$WORK/dumpcap.log" | sed 's/^/    /'
	echo "  (run as root, or let dumpcap capture: sudo dpkg-reconfigure wireshark-common,"
	echo "   then sudo usermod -a -G wireshark $(id -un) and log in again)"
	return 1
}

step "Capturing the demo's traffic on lo (dumpcap -i lo -f 'udp port $PORT')"
CAPTURING=0
if start_capture; then CAPTURING=1; fi

# The password goes through the environment (-E), not the command line;
# the session keys go to a key log (for ipmi-pcap --keylog below).
export IPMI_PASSWORD=password
export IPMI_KEYLOG_FILE="$WORK/keylog"
run() {
	step "ipmictl -H 127.0.0.1 -p $PORT -U admin -E -C 17 $*"
	"$IPMICTL" -H 127.0.0.1 -p "$PORT" -U admin -E -C 17 "$@" || die "ipmictl $* failed"
}

run mc info
run chassis status
run sensor list
run sel list
run fru print

step "Done: every command answered over a suite-17 session"

if [ "$CAPTURING" = 1 ]; then
	sleep 0.3 # the last replies reach dumpcap
	stop_capture
	[ -s "$CAP" ] || die "the capture $CAP is empty"
	step "Decrypting the capture with the password: ipmi-pcap -p $PORT -U admin -E demo.pcapng"
	"$IPMI_PCAP" -q --no-fields -p "$PORT" -U admin -E "$CAP" >"$WORK/pw.txt" ||
		die "ipmi-pcap failed on $CAP"
	cat "$WORK/pw.txt"
	[ -s "$WORK/keylog" ] || die "ipmictl wrote no key log ($IPMI_KEYLOG_FILE)"
	step "The key log ipmictl wrote (IPMI_KEYLOG_FILE), one line per session"
	# Keys are not for the terminal: the SIK is shown as its length.
	awk '$1 == "RMCPP" { print $1, $2, $3, $4, $5, $6, $7, "<SIK: " length($8) / 2 " bytes>" }' \
		"$WORK/keylog"
	step "Decrypting it again with the key log alone: ipmi-pcap -p $PORT --keylog keylog demo.pcapng"
	"$IPMI_PCAP" -q --no-fields -p "$PORT" --keylog "$WORK/keylog" "$CAP" >"$WORK/kl.txt" ||
		die "ipmi-pcap --keylog failed on $CAP"
	grep '^session ' "$WORK/kl.txt"
	# The messages must be the same as with the password (the session
	# lines differ: "credential 1 matches" / "keys from key-log entry").
	grep -v '^session ' "$WORK/pw.txt" >"$WORK/pw.msgs"
	grep -v '^session ' "$WORK/kl.txt" >"$WORK/kl.msgs"
	if cmp -s "$WORK/pw.msgs" "$WORK/kl.msgs"; then
		echo "  the $(wc -l <"$WORK/kl.msgs") message lines are the same as with the password"
	else
		diff "$WORK/pw.msgs" "$WORK/kl.msgs" | head -20
		die "the key-log transcript differs from the password one"
	fi
	step "Done: the captured sessions decrypt with the password and with the key log"
fi
