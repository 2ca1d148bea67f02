#!/bin/sh
# ipmictl against ipmitool 1.8.19, both talking to the same bmcsim (with
# the steady sensors of data/steady.conf): the typed-API commands must
# print what ipmitool prints, byte for byte, in suites 3 and 17 and through
# single and double bridging.  Where ipmitool has quirks of its own (mc
# info's Product Name from its table, the console port), both outputs go
# through the same filter; ipmictl-only output is compared with
# expected/ipmictl/.
# usage: ipmictl.sh BMCSIM EXPECTED-DIR PORT IPMICTL
BMCSIM=$1 EXPECTED=$2 PORT=$3 IPMICTL=$4
. "$(dirname "$0")/lib.sh"

case "$IPMICTL" in
/*) ;;
*) IPMICTL="$(cd "$(dirname "$IPMICTL")" && pwd)/$(basename "$IPMICTL")" ;;
esac
export TZ=UTC

require ipmitool
# Three endpoints (127.0.0.1-3) for fleet mode; the rest uses 127.0.0.1.
bmcsim_start "127.0.0.1-127.0.0.3:$PORT" --config "$(dirname "$0")/data/steady.conf"

ictl() {
	timeout 30 "$IPMICTL" -H "${HOST:-127.0.0.1}" -p "$PORT" -U "${USER_NAME:-admin}" \
		-P "${PASS:-password}" -C "${SUITE:-17}" -N 1 -R 2 "$@"
}

# same NAME COMMAND...: ipmitool and ipmictl print the same (after
# $FILTER) and both succeed.
same() {
	name=$1
	shift
	ipmi "$@" >"$WORK/a.raw" 2>"$WORK/a.err"
	ra=$?
	ictl "$@" >"$WORK/b.raw" 2>"$WORK/b.err"
	rb=$?
	sed -E "${FILTER:-s/^//}" "$WORK/a.raw" >"$WORK/a"
	sed -E "${FILTER:-s/^//}" "$WORK/b.raw" >"$WORK/b"
	if [ $ra -eq 0 ] && [ $rb -eq 0 ] && cmp -s "$WORK/a" "$WORK/b"; then
		ok "$name"
	else
		not_ok "$name (ipmitool exit $ra, ipmictl exit $rb)"
		diff -u "$WORK/a" "$WORK/b" | diag
		diag <"$WORK/b.err"
	fi
}

NO_PRODUCT_NAME='/^Product Name /d'
for SUITE in 3 17; do
	FILTER=$NO_PRODUCT_NAME same "C$SUITE mc info" mc info
	same "C$SUITE chassis status" chassis status
	same "C$SUITE sdr list" sdr list
	same "C$SUITE sdr list full" sdr list full
	same "C$SUITE sensor list" sensor list
	same "C$SUITE sel info" sel info
	same "C$SUITE sel list" sel list
	same "C$SUITE fru print" fru print
	same "C$SUITE fru print 1" fru print 1
	FILTER='s/^(console port +: ).*/\1PORT/' same "C$SUITE session info active" \
		session info active
	same "C$SUITE channel getciphers ipmi" channel getciphers ipmi
	same "C$SUITE channel getciphers ipmi 1" channel getciphers ipmi 1
done

SUITE=17
FILTER=$NO_PRODUCT_NAME same "-t 0x72 -b 0 mc info" -t 0x72 -b 0 mc info
same "-t 0x72 -b 0 raw 6 1" -t 0x72 -b 0 raw 6 1
FILTER=$NO_PRODUCT_NAME same "-T 0x72 -B 0 -t 0x74 -b 7 mc info" \
	-T 0x72 -B 0 -t 0x74 -b 7 mc info
same "-T 0x72 -B 0 -t 0x74 -b 7 raw 6 1" -T 0x72 -B 0 -t 0x74 -b 7 raw 6 1
same "after bridging, the BMC again" chassis status

# Fleet mode runs every command: each host's lines are what ipmictl prints
# for that host alone, prefixed with "HOST:PORT: " (hosts finish in any
# order, so both sides are sorted by host, stably); --json has one object
# per host with the command's typed fields.
fleet_same() {
	key=$1
	shift
	: >"$WORK/one"
	for h in 127.0.0.1 127.0.0.2 127.0.0.3; do
		HOST=$h ictl "$@" 2>/dev/null | sed -E "${FILTER:-s/^//}" |
			sed "s/^/$h:$PORT: /" >>"$WORK/one"
	done
	ictl_fleet "$@" >"$WORK/fleet.raw" 2>"$WORK/fleet.err"
	rf=$?
	sed -E "${FILTER:-s/^//}" "$WORK/fleet.raw" >"$WORK/fleet"
	sort -s -t' ' -k1,1 "$WORK/one" >"$WORK/one.s"
	sort -s -t' ' -k1,1 "$WORK/fleet" >"$WORK/fleet.s"
	if [ $rf -eq 0 ] && [ -s "$WORK/one.s" ] && cmp -s "$WORK/one.s" "$WORK/fleet.s"; then
		ok "fleet: $*"
	else
		not_ok "fleet: $* (exit $rf)"
		diff -u "$WORK/one.s" "$WORK/fleet.s" | diag
		diag <"$WORK/fleet.err"
	fi
	ictl_fleet --json "$@" >"$WORK/fleet.json" 2>"$WORK/fleet.err"
	rf=$?
	if [ $rf -eq 0 ] && python3 -c '
import json, sys
key = sys.argv[1]
hosts = set()
for line in open(sys.argv[2]):
    o = json.loads(line)
    assert o["ok"] is True and o["error"] is None, o
    assert key in o, (key, sorted(o))
    hosts.add(o["host"])
assert len(hosts) == 3, hosts
' "$key" "$WORK/fleet.json"; then
		ok "fleet --json: $* ($key)"
	else
		not_ok "fleet --json: $* (exit $rf)"
		diag <"$WORK/fleet.json"
		diag <"$WORK/fleet.err"
	fi
}

ictl_fleet() {
	timeout 60 "$IPMICTL" -H "127.0.0.[1-3]:$PORT" -U admin -P password -C 17 -N 1 -R 2 "$@"
}

SUITE=17
fleet_same sensors sdr list
fleet_same sensors sdr list full
fleet_same sensors sensor list
fleet_same entries sel info
fleet_same entries sel list
fleet_same frus fru print
fleet_same frus fru print 1
FILTER='s/^(.*console port +: ).*/\1PORT/' fleet_same sessions session info active
fleet_same cipher_suites channel getciphers ipmi
fleet_same identify_interval chassis identify 5
fleet_same device_id mc info
fleet_same chassis_power chassis power status

# -N and -R as ipmitool: -R 1 is two tries, -N apart (nobody listens on
# PORT+1, 127.0.0.9).
if timeout 30 "$IPMICTL" -H 127.0.0.9 -p $((PORT + 1)) -U admin -P password -N 0.2 -R 1 \
	mc info >/dev/null 2>"$WORK/nr.err"; then
	not_ok "-N 0.2 -R 1 against nobody fails"
elif grep -q 'no answer from the BMC after 2 tries' "$WORK/nr.err"; then
	ok "-N 0.2 -R 1: two tries"
else
	not_ok "-N 0.2 -R 1: two tries"
	diag <"$WORK/nr.err"
fi

# ipmictl's own formats and errors.
E=ipmictl
expect "ipmictl sdr list (steady)" $E/sdr-list.txt 0 ictl sdr list
expect "ipmictl sel list (steady)" $E/sel-list.txt 0 ictl sel list
expect "ipmictl channel getciphers ipmi" $E/getciphers.txt 0 ictl channel getciphers ipmi
expect "ipmictl -t 0x76: nobody there" empty.txt nonzero ictl -t 0x76 -b 0 mc info
tap_done
