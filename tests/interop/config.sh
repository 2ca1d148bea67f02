#!/bin/sh
# bmcsim's start-up: the ready line, options, the configuration file (every
# error names file, line, group and key, and bmcsim does not start),
# example.conf, a range of 1000 BMCs in one process, clean exit on signals.
# usage: config.sh BMCSIM EXPECTED-DIR PORT
BMCSIM=$1 EXPECTED=$2 PORT=$3
. "$(dirname "$0")/lib.sh"
SRCDIR=$(cd "$(dirname "$0")/../.." && pwd)
E=config

require ipmitool

# bad_config NAME: the configuration on standard input must make bmcsim
# exit with status 1 before listening, with the message in $E/NAME.err.
bad_config() {
	cat >"$WORK/bad.conf"
	(cd "$WORK" && timeout 10 "$BMCSIM" --listen "127.0.0.1:$PORT" --config bad.conf \
		>"$WORK/bad.out" 2>"$WORK/bad.err")
	rc=$?
	if [ "${REGEN:-}" = 1 ] && [ $rc = 1 ]; then
		cp "$WORK/bad.err" "$EXPECTED/$E/$1.err"
	fi
	if [ $rc = 1 ] && [ ! -s "$WORK/bad.out" ] && cmp -s "$WORK/bad.err" "$EXPECTED/$E/$1.err"; then
		ok "bad config: $1"
	else
		not_ok "bad config: $1 (exit $rc)"
		diff -u "$EXPECTED/$E/$1.err" "$WORK/bad.err" | diag
		diag <"$WORK/bad.out"
	fi
}
mkdir -p "$EXPECTED/$E"

bad_config syntax <<'CONF'
[bmc]
device-id = 1
this line is not a key
CONF
bad_config key-outside-group <<'CONF'
# a comment
device-id = 1
CONF
bad_config unknown-group <<'CONF'
[bmc]
device-id = 1

[nosuch thing]
a = b
CONF
bad_config unknown-key <<'CONF'
[bmc]
device-id = 1
colour = blue
CONF
bad_config duplicate-key <<'CONF'
[bmc]
device-id = 1
device-id = 2
CONF
bad_config duplicate-group <<'CONF'
[chassis]
power = on
[chassis]
power = off
CONF
bad_config number-range <<'CONF'
[bmc]
device-id = 300
CONF
bad_config firmware-revision <<'CONF'
[bmc]
firmware-revision = one.two
CONF
bad_config guid <<'CONF'
[bmc]
guid = 5a1c3e28-9d41-4b1e-8f6a-207c519bd3
CONF
bad_config suites <<'CONF'
[bmc]
suites = 3;17;20
CONF
bad_config suite-privileges <<'CONF'
[bmc]
suite-privileges = 3=king
CONF
bad_config kg <<'CONF'
[bmc]
kg = 0x12345
CONF
bad_config user-id <<'CONF'
[user 64]
name = x
CONF
bad_config user-privilege <<'CONF'
[user 2]
name = admin
password = password
privilege = king
CONF
bad_config user-name-long <<'CONF'
[user 2]
name = a-name-of-seventeen
CONF
bad_config user-same-name <<'CONF'
[user 2]
name = admin
[user 3]
name = admin
CONF
bad_config max-users <<'CONF'
[bmc]
max-users = 4
[user 5]
name = late
password = x
CONF
bad_config restore-policy <<'CONF'
[chassis]
restore-policy = sometimes
CONF
bad_config satellite-address <<'CONF'
[satellite s]
channel = 0
CONF
bad_config satellite-odd-address <<'CONF'
[satellite s]
address = 0x73
CONF
bad_config satellite-parent <<'CONF'
[satellite s]
address = 0x72
parent = nowhere
CONF
bad_config satellite-cycle <<'CONF'
[satellite a]
address = 0x72
parent = b
[satellite b]
address = 0x74
parent = a
CONF
bad_config satellite-taken <<'CONF'
[satellite a]
address = 0x72
[satellite b]
address = 0x72
CONF
bad_config listen <<'CONF'
[bmcsim]
listen = 127.0.0.1:6230;localhost:x
CONF
bad_config max-sessions <<'CONF'
[bmcsim]
max-sessions = 64
CONF
bad_config quirk <<'CONF'
[faults]
quirks = pad4;pad5
CONF
bad_config drop <<'CONF'
[faults]
drop = 120
CONF
# NaN compares false with everything, so a range check written as
# "v < 0 || v > 100" let it through (found by fuzz-sim_config).
bad_config duplicate-nan <<'CONF'
[faults]
duplicate = nan
CONF

# bad_option NAME ARGS...: exit status 2, message in $E/NAME.err.
bad_option() {
	name=$1
	shift
	timeout 10 "$BMCSIM" "$@" >"$WORK/bad.out" 2>"$WORK/bad.err"
	rc=$?
	if [ "${REGEN:-}" = 1 ] && [ $rc = 2 ]; then
		cp "$WORK/bad.err" "$EXPECTED/$E/$name.err"
	fi
	if [ $rc = 2 ] && [ ! -s "$WORK/bad.out" ] && cmp -s "$WORK/bad.err" "$EXPECTED/$E/$name.err"; then
		ok "bad option: $name"
	else
		not_ok "bad option: $name (exit $rc)"
		diff -u "$EXPECTED/$E/$name.err" "$WORK/bad.err" | diag
	fi
}
bad_option opt-listen --listen 127.0.0.1:99999
bad_option opt-range --listen 127.0.4.232-127.0.1.1:6230
bad_option opt-suites --suites 3,42
bad_option opt-quirk --quirk nonesuch
bad_option opt-max-sessions --max-sessions 0
bad_option opt-drop --drop lots
bad_option opt-reorder-nan --reorder -NaN
bad_option opt-argument extra

# A missing file is an error too.
(cd "$WORK" && "$BMCSIM" --config missing.conf >"$WORK/bad.out" 2>"$WORK/bad.err")
rc=$?
[ "${REGEN:-}" = 1 ] && cp "$WORK/bad.err" "$EXPECTED/$E/missing.err"
if [ $rc = 1 ] && cmp -s "$WORK/bad.err" "$EXPECTED/$E/missing.err"; then
	ok "missing config file"
else
	not_ok "missing config file (exit $rc)"
	diag <"$WORK/bad.err"
fi

# The ready line, and example.conf describes the built-in BMC.
bmcsim_start "127.0.0.1:$PORT" --config "$SRCDIR/simulator/config/example.conf"
if [ "$(cat "$BMCSIM_OUT")" = "bmcsim: listening on 127.0.0.1:$PORT (1 BMC)" ]; then
	ok "ready line"
else
	not_ok "ready line"
	diag <"$BMCSIM_OUT"
fi
expect "example.conf: mc info as built in" ipmitool/mc-info.txt 0 ipmi mc info
expect "example.conf: user list as built in" ipmitool/user-list.txt 0 ipmi user list 1
expect "example.conf: satellites as built in" bridge/sat2-raw.txt 0 \
	ipmi -T 0x72 -B 0 -t 0x74 -b 7 raw 6 1

# A second bmcsim on the same port fails, and says why.
"$BMCSIM" --listen "127.0.0.1:$PORT" >"$WORK/second.out" 2>"$WORK/second.err"
rc=$?
sed "s/$PORT/PORT/g" "$WORK/second.err" >"$WORK/second.txt"
[ "${REGEN:-}" = 1 ] && cp "$WORK/second.txt" "$EXPECTED/$E/port-in-use.err"
if [ $rc = 1 ] && cmp -s "$WORK/second.txt" "$EXPECTED/$E/port-in-use.err"; then
	ok "port in use"
else
	not_ok "port in use (exit $rc)"
	diag <"$WORK/second.err"
fi

# SIGTERM ends bmcsim cleanly.
kill -TERM "$BMCSIM_PID"
wait "$BMCSIM_PID"
rc=$?
BMCSIM_PID=
if [ $rc = 0 ]; then ok "SIGTERM: exit 0"; else not_ok "SIGTERM: exit $rc"; fi
bmcsim_start "127.0.0.1:$PORT"
kill -INT "$BMCSIM_PID"
wait "$BMCSIM_PID"
rc=$?
BMCSIM_PID=
if [ $rc = 0 ]; then ok "SIGINT: exit 0"; else not_ok "SIGINT: exit $rc"; fi

# 1000 BMCs on 127.0.1.1-127.0.4.232, one port, each with its own state.
bmcsim_start "127.0.1.1-127.0.4.232:$PORT"
if [ "$(cat "$BMCSIM_OUT")" = "bmcsim: listening on 127.0.1.1-127.0.4.232:$PORT (1000 BMCs)" ]; then
	ok "ready line of a range"
else
	not_ok "ready line of a range"
	diag <"$BMCSIM_OUT"
fi
for h in 127.0.1.1 127.0.2.200 127.0.4.232; do
	HOST=$h expect "range: mc info at $h" ipmitool/mc-info.txt 0 ipmi mc info
done
HOST=127.0.3.7 expect "range: power off at 127.0.3.7" ipmitool/power-off.txt 0 ipmi chassis power off
HOST=127.0.3.7 expect "range: 127.0.3.7 is off" ipmitool/power-is-off.txt 0 ipmi chassis power status
HOST=127.0.3.8 expect "range: 127.0.3.8 is still on" ipmitool/power-is-on.txt 0 \
	ipmi chassis power status
HOST=127.0.4.233 expect_err "range: 127.0.4.233 is not served" $E/not-served.err \
	ipmitool -I lanplus -H 127.0.4.233 -p "$PORT" -U admin -P password -C 17 -N 1 -R 1 mc info
rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$BMCSIM_PID/status")
# 1000 models, socket buffers and GSources: a few kB each.
if [ "$rss" -lt 65536 ]; then ok "range: RSS ${rss} kB < 64 MB"; else not_ok "range: RSS ${rss} kB"; fi
tap_done
