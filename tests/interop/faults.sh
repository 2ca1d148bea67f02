#!/bin/sh
# Fault and quirk injection (the tools must cope), and the transcript
# (decoded messages, never a password or key).
# usage: faults.sh BMCSIM EXPECTED-DIR PORT
BMCSIM=$1 EXPECTED=$2 PORT=$3
. "$(dirname "$0")/lib.sh"
E=faults

require ipmitool bmc-info

# Packet faults, each with a fixed seed so every run sees the same faults.
for f in "--duplicate 100" "--reorder 50" "--delay 150" "--slow 300" "--drop 20"; do
	# shellcheck disable=SC2086
	bmcsim_start "127.0.0.1:$PORT" $f --seed 7
	expect "$f: ipmitool mc info" ipmitool/mc-info.txt 0 ipmi -R 6 mc info
	expect "$f: ipmitool chassis power status" ipmitool/power-is-on.txt 0 \
		ipmi -R 6 chassis power status
	# FreeIPMI 1.6.10 takes a duplicated Open Session Response for the
	# RAKP 2 it waits for and gives up ("ipmi_ctx_open_outofband_2_0:
	# success"): no FreeIPMI under --duplicate.  Under loss it recovers
	# because bmcsim answers its retransmitted RAKP 3 (sent with a new
	# message tag) again.
	if [ "$f" != "--duplicate 100" ]; then
		SUITE=3 expect "$f: bmc-info" freeipmi/bmc-info-device-id.txt 0 \
			bmc-info $(SUITE=3 fipmi_opts) --get-device-id
	fi
	bmcsim_stop
done

# A lost answer to Chassis Control: ipmitool retransmits, the BMC answers
# from its cache and does not run the command twice.
bmcsim_start "127.0.0.1:$PORT" --drop 40 --seed 11 --transcript="$WORK/drop.log"
expect "--drop 40: power off through losses" ipmitool/power-off.txt 0 \
	ipmi -R 6 chassis power off
runs=$(grep -c ' <- .*Chassis Control' "$WORK/drop.log")
answers=$(grep -c ' -> .*Chassis Control' "$WORK/drop.log")
cached=$(grep -c 'answered from the cache.*Chassis Control' "$WORK/drop.log")
if [ "$runs" -ge 1 ] && [ $((runs - cached)) -eq 1 ] && [ "$answers" -eq "$runs" ]; then
	ok "Chassis Control received $runs times, run once, answered $answers times"
else
	not_ok "Chassis Control received $runs times, $cached from the cache, answered $answers"
	grep 'Chassis Control' "$WORK/drop.log" | diag
fi
bmcsim_stop

# Quirks.
bmcsim_start "127.0.0.1:$PORT" --quirk no-cipher-suites
# ipmitool without -C asks for the cipher suites first, gives up after its
# timeout and falls back to suite 3.
expect "no-cipher-suites: ipmitool without -C" ipmitool/mc-info.txt 0 \
	timeout 30 ipmitool -I lanplus -H 127.0.0.1 -p "$PORT" -U admin -P password -N 1 -R 1 mc info
expect_err "no-cipher-suites: ipmitool says so" $E/no-cipher-suites.err \
	sh -c "timeout 30 ipmitool -I lanplus -H 127.0.0.1 -p $PORT -U admin -P password -N 1 -R 1 \
		mc info >/dev/null && false"
bmcsim_stop
bmcsim_start "127.0.0.1:$PORT" --quirk pad4
expect "pad4: ipmitool -C 17" ipmitool/mc-info.txt 0 ipmi mc info
SUITE=3 expect "pad4: ipmitool -C 3" ipmitool/mc-info.txt 0 ipmi mc info
expect "pad4: bmc-info -I 17" freeipmi/bmc-info-device-id.txt 0 bmc-info $(fipmi_opts) --get-device-id
bmcsim_stop
bmcsim_start "127.0.0.1:$PORT" --quirk open-session-priv
expect "open-session-priv: ipmitool" ipmitool/mc-info.txt 0 ipmi mc info
# FreeIPMI asks for "highest" in Open Session; the echoed 0 is no
# privilege to it, unless told with -W opensesspriv (as with ipmi_sim).
expect_err "open-session-priv: bmc-info without the workaround" $E/opensesspriv.err \
	bmc-info $(fipmi_opts) --get-device-id
expect "open-session-priv: bmc-info -W opensesspriv" freeipmi/bmc-info-device-id.txt 0 \
	bmc-info $(fipmi_opts) -W opensesspriv --get-device-id
bmcsim_stop

# The transcript: one line per message, no secrets.
cat >"$WORK/kg.conf" <<CONF
[bmc]
kg = gatekeeper
CONF
bmcsim_start "127.0.0.1:$PORT" --config "$WORK/kg.conf" --transcript="$WORK/t.log"
expect "transcript run: mc info" ipmitool/mc-info.txt 0 ipmi -k gatekeeper mc info
expect_err "transcript run: set a password (not supported: C1h)" $E/set-password.err \
	ipmi -k gatekeeper user set password 4 n3wSecret
# Lines look like: TIME BMC PEER DIR sid=.. seq=.. NETFN NAME (nn/cc) rqSeq=.. [cc=..] data=..
re='^[0-9-]{10}T[0-9:.]{15}Z 127\.0\.0\.1:[0-9]+ 127\.0\.0\.1:[0-9]+ (<-|->) sid=0x[0-9a-f]{8} '
if grep -Eq "$re"'seq=[0-9]+ App Get Device ID \(06/01\) rqSeq=[0-9]+ data=$' "$WORK/t.log" &&
	grep -Eq "$re"'seq=[0-9]+ App Get Device ID \(07/01\) rqSeq=[0-9]+ cc=00 data=20 01 01 23' "$WORK/t.log" &&
	grep -Eq "$re"'RAKP 1 tag=[0-9]+ role=0x14 \(ADMINISTRATOR, name only\) user="admin"$' "$WORK/t.log"; then
	ok "transcript lines"
else
	not_ok "transcript lines"
	diag <"$WORK/t.log"
fi
# password, K_G and the new password in text or in hex: never.  (The
# command name "Set User Password" is fine: the match is case-sensitive.)
hex() { printf %s "$1" | od -An -tx1 | sed 's/^ //;s/ *$//'; }
leak=0
for secret in password gatekeeper n3wSecret; do
	if grep -qF -e "$secret" -e "$(hex "$secret")" "$WORK/t.log"; then
		leak=1
		echo "$secret" | diag
	fi
done
if [ $leak = 0 ]; then ok "transcript holds no password or key"; else not_ok "transcript leaks"; fi
if grep -q 'Set User Password (06/47) .* data=04 .* <[0-9]* bytes withheld>' "$WORK/t.log"; then
	ok "transcript withholds Set User Password data"
else
	not_ok "transcript withholds Set User Password data"
	grep 'Set User Password' "$WORK/t.log" | diag
fi
tap_done
