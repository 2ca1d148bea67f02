#!/bin/sh
# ipmitool -I lanplus against bmcsim with one cipher suite: identity, GUID,
# chassis status and every power transition, identify, channel, cipher
# suites, users, session, raw and an unknown command.
# usage: ipmitool-suite.sh BMCSIM EXPECTED-DIR SUITE PORT
BMCSIM=$1 EXPECTED=$2 SUITE=$3 PORT=$4
. "$(dirname "$0")/lib.sh"

require ipmitool
bmcsim_start "127.0.0.1:$PORT"

E=ipmitool
expect "C$SUITE mc info" $E/mc-info.txt 0 ipmi mc info
expect "C$SUITE mc guid" $E/mc-guid.txt 0 ipmi mc guid
expect "C$SUITE mc selftest" $E/mc-selftest.txt 0 ipmi mc selftest
expect "C$SUITE chassis status" $E/chassis-status-on.txt 0 ipmi chassis status
expect "C$SUITE chassis power status (on)" $E/power-is-on.txt 0 ipmi chassis power status
expect "C$SUITE chassis power off" $E/power-off.txt 0 ipmi chassis power off
expect "C$SUITE chassis power status (off)" $E/power-is-off.txt 0 ipmi chassis power status
expect_err "C$SUITE chassis power cycle while off: D5h" $E/power-cycle-off.err ipmi chassis power cycle
expect "C$SUITE chassis power on" $E/power-on.txt 0 ipmi chassis power on
expect "C$SUITE chassis status after power on" $E/chassis-status-ipmi-on.txt 0 ipmi chassis status
expect "C$SUITE chassis power cycle" $E/power-cycle.txt 0 ipmi chassis power cycle
expect "C$SUITE chassis power reset" $E/power-reset.txt 0 ipmi chassis power reset
expect "C$SUITE chassis power soft" $E/power-soft.txt 0 ipmi chassis power soft
expect "C$SUITE chassis power status after soft" $E/power-is-off.txt 0 ipmi chassis power status
expect "C$SUITE chassis power on again" $E/power-on.txt 0 ipmi chassis power on
expect "C$SUITE chassis restart_cause" $E/restart-cause.txt 0 ipmi chassis restart_cause
expect "C$SUITE chassis identify" $E/identify.txt 0 ipmi chassis identify
expect "C$SUITE chassis identify force" $E/identify-force.txt 0 ipmi chassis identify force
expect "C$SUITE chassis identify 0" $E/identify-off.txt 0 ipmi chassis identify 0
expect "C$SUITE chassis policy always-on" $E/policy-always-on.txt 0 ipmi chassis policy always-on
expect "C$SUITE chassis poh" $E/poh.txt 0 ipmi chassis poh
expect "C$SUITE channel info" $E/channel-info.txt 0 ipmi channel info
expect "C$SUITE channel getciphers ipmi" $E/getciphers.txt 0 ipmi channel getciphers ipmi
expect "C$SUITE user list 1" $E/user-list.txt 0 ipmi user list 1
FILTER='s/^(console port +: ).*/\1PORT/' \
	expect "C$SUITE session info active" $E/session-info.txt 0 ipmi session info active
expect "C$SUITE raw 0x06 0x01" $E/raw-get-device-id.txt 0 ipmi raw 0x06 0x01
expect_err "C$SUITE raw unknown command: C1h" $E/raw-unknown.err ipmi raw 0x06 0xff
expect_err "C$SUITE raw DCMI probe: C1h" $E/raw-dcmi.err ipmi raw 0x2c 0x01 0xdc

tap_done
