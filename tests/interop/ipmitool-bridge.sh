#!/bin/sh
# IPMB bridging through bmcsim to its default satellites, as ipmitool
# 1.8.19 lanplus does it: single bridging (-t/-b) to 0x72 on channel 0 and
# double bridging (-T/-B, then -t/-b) to 0x74 on channel 7 behind it.
# usage: ipmitool-bridge.sh BMCSIM EXPECTED-DIR PORT
BMCSIM=$1 EXPECTED=$2 PORT=$3
. "$(dirname "$0")/lib.sh"

require ipmitool
bmcsim_start "127.0.0.1:$PORT"

E=bridge
for SUITE in 3 17; do
	expect "C$SUITE -t 0x72 -b 0 mc info" $E/sat1-mc-info.txt 0 ipmi -t 0x72 -b 0 mc info
	expect "C$SUITE -t 0x72 -b 0 raw 6 1" $E/sat1-raw.txt 0 ipmi -t 0x72 -b 0 raw 6 1
	expect "C$SUITE -T 0x72 -B 0 -t 0x74 -b 7 mc info" $E/sat2-mc-info.txt 0 \
		ipmi -T 0x72 -B 0 -t 0x74 -b 7 mc info
	expect "C$SUITE -T 0x72 -B 0 -t 0x74 -b 7 raw 6 1" $E/sat2-raw.txt 0 \
		ipmi -T 0x72 -B 0 -t 0x74 -b 7 raw 6 1
	# A satellite is no chassis: C1h through the bridge.
	expect_err "C$SUITE -t 0x72 -b 0 raw 0 1: C1h" $E/sat1-chassis.err \
		ipmi -t 0x72 -b 0 raw 0 1
	# Nobody at 0x76: the BMC answers Send Message with 83h (NAK on write).
	expect_err "C$SUITE -t 0x76 -b 0: no satellite" $E/nobody.err ipmi -t 0x76 -b 0 raw 6 1
	expect "C$SUITE unbridged mc info still the BMC" ipmitool/mc-info.txt 0 ipmi mc info
done
tap_done
