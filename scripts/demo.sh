#!/usr/bin/env bash
# The demo: a simulated BMC (bmcsim) and ipmictl talking to it through an
# IPMI v2.0 RMCP+ session with cipher suite 17 (HMAC-SHA256, AES-CBC-128).
#   1. install the Debian packages the build needs (scripts/deps.sh demo);
#   2. configure and build in build/ when needed;
#   3. start bmcsim's default BMC on 127.0.0.1, port 6230 when free;
#   4. run ipmictl: mc info, chassis status, sensor list, sel list, fru print;
#   5. stop bmcsim (also on failure or ^C).
# Idempotent; exits non-zero when any step fails.
# Environment: BUILDDIR (build), DEMO_PORT (first port to try, 6230),
# DEMO_SKIP_DEPS=1 / DEMO_SKIP_BUILD=1 (the tests set them).
set -euo pipefail
cd "$(dirname "$0")/.."

BUILDDIR=${BUILDDIR:-build}
PORT=${DEMO_PORT:-6230}
BMCSIM="$BUILDDIR/simulator/bmcsim"
IPMICTL="$BUILDDIR/tools/ipmictl"

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
cleanup() {
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

# The password goes through the environment (-E), not the command line.
export IPMI_PASSWORD=password
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
