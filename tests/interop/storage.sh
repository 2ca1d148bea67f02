#!/bin/sh
# Sensors, SEL and FRU through the real tools, with exact expected output:
# ipmitool sdr list/elist, sensor list, sel info/list/clear, fru print and
# FreeIPMI ipmi-sensors, ipmi-sel, ipmi-fru, in suites 3 and 17, against a
# bmcsim with steady readings (data/steady.conf).  sel clear needs
# OPERATOR: refused for USER (D4h), done for OPERATOR, and the SEL then
# holds the single "Log area reset/cleared" entry real BMCs log.
# usage: storage.sh BMCSIM EXPECTED-DIR PORT
BMCSIM=$1 EXPECTED=$2 PORT=$3
. "$(dirname "$0")/lib.sh"
export TZ=UTC

require ipmitool ipmi-sensors ipmi-sel ipmi-fru
bmcsim_start "127.0.0.1:$PORT" --config "$(dirname "$0")/data/steady.conf"
E=storage
# FreeIPMI keeps an SDR cache per host:port: a fresh one per test run.
mkdir -m 700 "$WORK/sdr-cache"
CACHE="--sdr-cache-directory=$WORK/sdr-cache --sdr-cache-recreate"
# sel info's free space and timestamps move with the clock; "Last Add
# Time"/"Last Del Time" are the BMC's record of what happened, kept.
for SUITE in 3 17; do
	expect "ipmitool -C$SUITE sdr list" $E/sdr-list.txt 0 ipmi sdr list
	expect "ipmitool -C$SUITE sdr elist" $E/sdr-elist.txt 0 ipmi sdr elist
	expect "ipmitool -C$SUITE sensor list" $E/sensor-list.txt 0 ipmi sensor list
	expect "ipmitool -C$SUITE sel list" $E/sel-list.txt 0 ipmi sel list
	expect "ipmitool -C$SUITE fru print" $E/fru-print.txt 0 ipmi fru print
	O=$(fipmi_opts)
	expect "ipmi-sensors -I $SUITE" $E/ipmi-sensors.txt 0 ipmi-sensors $O $CACHE
	expect "ipmi-sensors -I $SUITE thresholds" $E/ipmi-sensors-thresholds.txt 0 \
		ipmi-sensors $O $CACHE --output-sensor-thresholds
	expect "ipmi-sel -I $SUITE" $E/ipmi-sel.txt 0 ipmi-sel $O $CACHE
	expect "ipmi-fru -I $SUITE" $E/ipmi-fru.txt 0 ipmi-fru $O $CACHE
done
expect "ipmitool sel info" $E/sel-info.txt 0 ipmi sel info

SUITE=17
USER_NAME=user PASS=user
expect_err "sel clear as USER: insufficient privilege" $E/sel-clear-user.err ipmi -L USER sel clear
USER_NAME=operator PASS=operator
expect "sel clear as OPERATOR" $E/sel-clear.txt 0 ipmi -L OPERATOR sel clear
USER_NAME=admin PASS=password
FILTER='s/^( *1 \| )[0-9/]+ \| [0-9:]+ UTC/\1DATE | TIME UTC/'
expect "sel list after clear: the clear event only" $E/sel-list-cleared.txt 0 ipmi sel list
FILTER=
tap_done
