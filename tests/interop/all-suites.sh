#!/bin/sh
# Every cipher suite the tools offer, against a bmcsim that enables them
# all (the ones without integrity only because this test configures them):
# ipmitool 1.8.19 over 1, 2, 3, 6, 7, 8, 15, 16, 17, and FreeIPMI over every
# suite it supports (1, 2, 3, 6, 7, 8, 11, 12, 15, 16, 17): Get Device ID
# with the exact expected output.  ipmitool aborts on its own assertion
# (exit 134) in suites 11 and 12 after a good handshake; that is recorded
# here, so a fixed ipmitool shows up as a change.
# usage: all-suites.sh BMCSIM EXPECTED-DIR PORT
BMCSIM=$1 EXPECTED=$2 PORT=$3
. "$(dirname "$0")/lib.sh"

require ipmitool bmc-info
bmcsim_start "127.0.0.1:$PORT" --suites 1,2,3,6,7,8,11,12,15,16,17
for SUITE in 1 2 3 6 7 8 15 16 17; do
	expect "ipmitool -C $SUITE mc info" ipmitool/mc-info.txt 0 ipmi mc info
done
for SUITE in 11 12; do
	ipmi mc info >"$WORK/out" 2>"$WORK/err"
	rc=$?
	if [ $rc -eq 134 ] && grep -q "Assertion" "$WORK/err"; then
		ok "ipmitool -C $SUITE: ipmitool 1.8.19's own assertion (exit 134), as recorded"
	else
		not_ok "ipmitool -C $SUITE: expected ipmitool's assertion (exit 134), got exit $rc"
		diag <"$WORK/err"
	fi
done
for SUITE in 1 2 3 6 7 8 11 12 15 16 17; do
	O=$(fipmi_opts)
	expect "bmc-info -I $SUITE --get-device-id" freeipmi/bmc-info-device-id.txt 0 \
		bmc-info $O --get-device-id
done
tap_done
