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
bmcsim_start "127.0.0.1:$PORT" --config "$(dirname "$0")/data/steady.conf"

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
done

SUITE=17
FILTER=$NO_PRODUCT_NAME same "-t 0x72 -b 0 mc info" -t 0x72 -b 0 mc info
same "-t 0x72 -b 0 raw 6 1" -t 0x72 -b 0 raw 6 1
FILTER=$NO_PRODUCT_NAME same "-T 0x72 -B 0 -t 0x74 -b 7 mc info" \
	-T 0x72 -B 0 -t 0x74 -b 7 mc info
same "-T 0x72 -B 0 -t 0x74 -b 7 raw 6 1" -T 0x72 -B 0 -t 0x74 -b 7 raw 6 1
same "after bridging, the BMC again" chassis status

# ipmictl's own formats and errors.
E=ipmictl
expect "ipmictl sdr list (steady)" $E/sdr-list.txt 0 ictl sdr list
expect "ipmictl sel list (steady)" $E/sel-list.txt 0 ictl sel list
expect "ipmictl channel getciphers ipmi" $E/getciphers.txt 0 ictl channel getciphers ipmi
expect "ipmictl -t 0x76: nobody there" empty.txt nonzero ictl -t 0x76 -b 0 mc info
tap_done
