#!/bin/sh
# FreeIPMI against bmcsim (driver LAN_2_0): bmc-info, ipmi-chassis,
# ipmipower and ipmi-raw, with cipher suites 3 and 17.
# usage: freeipmi.sh BMCSIM EXPECTED-DIR PORT
BMCSIM=$1 EXPECTED=$2 PORT=$3
. "$(dirname "$0")/lib.sh"

require bmc-info ipmi-chassis ipmipower ipmi-raw
bmcsim_start "127.0.0.1:$PORT"

E=freeipmi
O=$(fipmi_opts)
expect "ipmi-chassis --get-status (as started)" $E/chassis-status-initial.txt 0 \
	ipmi-chassis $O --get-status
# From here on the last power event is "power on via ipmi command".
expect "ipmi-chassis --chassis-control=POWER-DOWN" empty.txt 0 \
	ipmi-chassis $O --chassis-control=POWER-DOWN
expect "ipmi-chassis --chassis-control=POWER-UP" empty.txt 0 \
	ipmi-chassis $O --chassis-control=POWER-UP
for SUITE in 3 17; do
	O=$(fipmi_opts)
	# bmc-info section by section: FreeIPMI 1.6.10 prints uninitialised
	# channel entries after the real ones when every section is shown.
	expect "bmc-info -I $SUITE --get-device-id" $E/bmc-info-device-id.txt 0 \
		bmc-info $O --get-device-id
	expect "bmc-info -I $SUITE --get-device-guid" $E/bmc-info-guid.txt 0 \
		bmc-info $O --get-device-guid
	# The two channel blocks only, blank lines dropped: bmc-info 1.6.10
	# goes on to print uninitialised entries for channels that said CCh.
	FILTER='/^$/d;/^Channel Number/{x;s/^/x/;/^x{3}/{x;Q};x}' \
		expect "bmc-info -I $SUITE --get-channel-info" $E/bmc-info-channels.txt 0 \
		bmc-info $O --get-channel-info
	expect "ipmi-chassis -I $SUITE --get-chassis-capabilities" $E/chassis-caps.txt 0 \
		ipmi-chassis $O --get-chassis-capabilities
	expect "ipmipower -I $SUITE --stat" $E/ipmipower-on.txt 0 ipmipower $O --stat
	expect "ipmipower -I $SUITE --off" $E/ipmipower-ok.txt 0 ipmipower $O --off
	expect "ipmipower -I $SUITE --stat (off)" $E/ipmipower-off.txt 0 ipmipower $O --stat
	expect "ipmi-chassis -I $SUITE --get-status (off)" $E/chassis-status-off.txt 0 \
		ipmi-chassis $O --get-status
	expect "ipmipower -I $SUITE --on" $E/ipmipower-ok.txt 0 ipmipower $O --on
	expect "ipmipower -I $SUITE --stat (on)" $E/ipmipower-on.txt 0 ipmipower $O --stat
	expect "ipmi-chassis -I $SUITE --get-status (on)" $E/chassis-status-on.txt 0 \
		ipmi-chassis $O --get-status
	expect "ipmi-chassis -I $SUITE --get-system-restart-cause" $E/restart-cause.txt 0 \
		ipmi-chassis $O --get-system-restart-cause
	expect "ipmi-raw -I $SUITE 0 6 1" $E/raw-device-id.txt 0 ipmi-raw $O 0 6 1
	expect "ipmi-raw -I $SUITE unknown command: C1h" $E/raw-unknown.txt 0 ipmi-raw $O 0 6 ff
done
tap_done
