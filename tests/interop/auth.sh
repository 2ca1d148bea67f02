#!/bin/sh
# Logins and privileges: wrong password and unknown user look alike, K_G,
# privilege limits (RAKP and per command, D4h), suites without integrity
# off unless configured, and the failed-login lockout per user name.
# usage: auth.sh BMCSIM EXPECTED-DIR PORT
BMCSIM=$1 EXPECTED=$2 PORT=$3
. "$(dirname "$0")/lib.sh"

require ipmitool bmc-info ipmi-chassis
E=auth

bmcsim_start "127.0.0.1:$PORT"
SUITE=3
PASS=wrong expect_err "wrong password: RAKP 2 HMAC invalid" $E/rakp2-hmac.err ipmi -v mc info
USER_NAME=nosuchuser PASS=x expect_err "unknown user: the same answer as a wrong password" \
	$E/rakp2-hmac.err ipmi -v mc info
USER_NAME=user PASS=user expect_err "USER asking for ADMINISTRATOR: refused in RAKP 2" \
	$E/rakp2-role.err ipmi -v mc info
USER_NAME=user PASS=user expect "USER session: mc info" ipmitool/mc-info.txt 0 ipmi -L USER mc info
USER_NAME=user PASS=user expect "USER session: chassis power status" ipmitool/power-is-on.txt 0 \
	ipmi -L USER chassis power status
USER_NAME=user PASS=user expect_err "USER session: chassis power off refused (D4h)" \
	$E/power-off-d4.err ipmi -L USER chassis power off
USER_NAME=user PASS=user expect_err "USER session: user list refused (D4h)" \
	$E/user-list-d4.err ipmi -L USER user list 1
USER_NAME=user PASS=user expect_err "USER session cannot raise itself to ADMINISTRATOR" \
	$E/user-raise.err ipmi -L USER raw 0x06 0x3b 0x04
USER_NAME=operator PASS=operator expect "OPERATOR session: chassis power off" \
	ipmitool/power-off.txt 0 ipmi -L OPERATOR chassis power off
USER_NAME=operator PASS=operator expect "OPERATOR session: chassis power on" \
	ipmitool/power-on.txt 0 ipmi -L OPERATOR chassis power on
USER_NAME=operator PASS=operator expect_err "OPERATOR session: cold reset refused (D4h)" \
	$E/cold-reset-d4.err ipmi -L OPERATOR raw 0x06 0x02
SUITE=1 expect_err "suite 1 (no integrity) refused by default" $E/suite1.err ipmi mc info
SUITE=0 expect_err "suite 0 refused by default" $E/suite1.err ipmi mc info

O="-h 127.0.0.1:$PORT -I 3 --driver-type=LAN_2_0 --session-timeout=3000 --retransmission-timeout=500"
expect_err "FreeIPMI wrong password" $E/freeipmi-password.err bmc-info $O -u admin -p wrong
expect_err "FreeIPMI unknown user: the same" $E/freeipmi-password.err bmc-info $O -u nobody -p x
expect_err "FreeIPMI USER at ADMIN refused" $E/freeipmi-priv.err \
	ipmi-chassis $O -u user -p user -l ADMIN --get-status

# Five failed logins lock the name "operator" out, not "admin"; an unknown
# name is treated the same way.
for i in 1 2 3 4 5; do
	USER_NAME=operator PASS="wrong$i" ipmi -L OPERATOR mc info >/dev/null 2>&1
	USER_NAME=ghost PASS="wrong$i" ipmi -L OPERATOR mc info >/dev/null 2>&1
done
USER_NAME=operator PASS=operator expect_err "operator locked out after 5 failures" \
	$E/locked.err ipmi -v -L OPERATOR mc info
USER_NAME=ghost PASS=x expect_err "unknown name locked out alike" \
	$E/locked.err ipmi -v -L OPERATOR mc info
expect "admin not affected" ipmitool/mc-info.txt 0 ipmi mc info
bmcsim_stop

# Suites without integrity only when configured.
bmcsim_start "127.0.0.1:$PORT" --suites 1,3
SUITE=1 expect "--suites 1,3: suite 1 accepted" ipmitool/mc-info.txt 0 ipmi mc info
SUITE=17 expect_err "--suites 1,3: suite 17 refused" $E/suite1.err ipmi mc info
bmcsim_stop

# K_G: the BMC key enters the session keys; RAKP 4 shows a mismatch.
cat >"$WORK/kg.conf" <<CONF
[bmc]
kg = gatekeeper
CONF
bmcsim_start "127.0.0.1:$PORT" --config "$WORK/kg.conf"
expect "K_G given (-k)" ipmitool/mc-info.txt 0 ipmi -k gatekeeper mc info
expect "K_G given in hex (-y)" ipmitool/mc-info.txt 0 ipmi -y 676174656b6565706572 mc info
expect_err "wrong K_G: RAKP 4 ICV invalid" $E/rakp4-icv.err ipmi -v -k wrongkey mc info
expect_err "no K_G: RAKP 4 ICV invalid" $E/rakp4-icv.err ipmi -v mc info
expect_err "FreeIPMI wrong K_G" $E/freeipmi-kg.err \
	bmc-info $O -u admin -p password -k wrongkey --get-device-id
expect "FreeIPMI right K_G" freeipmi/bmc-info-device-id.txt 0 \
	bmc-info $O -u admin -p password -k gatekeeper --get-device-id
tap_done
