#!/usr/bin/env bash
# live-ipmi15.sh - IPMI v1.5 AuthCodes in a capture the test makes itself:
# dumpcap on lo with a filter on the test's port while ipmitool -I lan
# (-A MD5, -A PASSWORD, and -A MD5 with a wrong password) and FreeIPMI's
# bmc-info (MD2; Debian's ipmitool has no MD2) talk to OpenIPMI's ipmi_sim;
# then ipmi-pcap, and tshark with the plugin, check every AuthCode with the
# right password, a wrong one and none.  TAP output.  Needs root (capturing
# on lo; skips otherwise).
#
# Environment (from meson): IPMI_PCAP, SIM_CONF_IN (tests/data/ipmi-sim/
# lan.conf.in), SIM_EMU (tests/data/ipmi-sim/client.emu), WS_PLUGIN_DIR and
# WS_PLUGIN_ABI (optional: the staged plugin).
set -u

# shellcheck source-path=SCRIPTDIR source=tap.sh
. "$(dirname "$0")/tap.sh"

[ "$(id -u)" -eq 0 ] || skip_all "capturing on lo needs root"
for t in dumpcap ipmitool bmc-info ipmi_sim; do
	command -v "$t" >/dev/null || bail "$t not installed (scripts/deps.sh test installs it)"
done
[ -x "${IPMI_PCAP:-}" ] || bail "ipmi-pcap not built"

dir=$(mktemp -d /tmp/ipmi-live15-XXXXXX)
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
	wait 2>/dev/null
	rm -rf "$dir"
}
trap cleanup EXIT

port=$((21000 + RANDOM % 20000))
cap=$dir/v15.pcapng
mkdir "$dir/state"
sed "s/@PORT@/$port/" "${SIM_CONF_IN:?}" >"$dir/lan.conf"
ipmi_sim -c "$dir/lan.conf" -f "${SIM_EMU:?}" -n -s "$dir/state" </dev/null >"$dir/sim.log" 2>&1 &
pids+=("$!")
it=(-I lan -H 127.0.0.1 -p "$port" -U admin -N 1 -R 2)
up=0
for _ in $(seq 30); do
	if quiet ipmitool "${it[@]}" -P password -A NONE mc info; then
		up=1
		break
	fi
	sleep 0.2
done
[ $up -eq 1 ] || skip_all "ipmi_sim did not start"

dumpcap -i lo -f "udp port $port" -w "$cap" >"$dir/dumpcap.log" 2>&1 &
dumpcap_pid=$!
pids+=("$dumpcap_pid")
for _ in $(seq 50); do
	grep -q "Capturing on" "$dir/dumpcap.log" && break
	sleep 0.1
done
grep -q "Capturing on" "$dir/dumpcap.log" || skip_all "dumpcap cannot capture on lo"
sleep 0.3

check "ipmitool -A MD5 mc info" quiet ipmitool "${it[@]}" -P password -A MD5 mc info
check "ipmitool -A PASSWORD mc info" quiet ipmitool "${it[@]}" -P password -A PASSWORD mc info
check "bmc-info MD2" quiet bmc-info -h "127.0.0.1:$port" -u admin -p password --driver-type=LAN \
	--authentication-type=MD2 --get-device-id --session-timeout=5000 \
	--retransmission-timeout=1000
if ipmitool -I lan -H 127.0.0.1 -p "$port" -U admin -N 1 -R 1 -P not-the-password -A MD5 \
	mc info >/dev/null 2>&1; then
	not_ok "ipmitool -A MD5 with a wrong password fails"
else
	ok "ipmitool -A MD5 with a wrong password fails"
fi
sleep 0.5
kill -INT "$dumpcap_pid"
wait "$dumpcap_pid" 2>/dev/null

"$IPMI_PCAP" -p "$port" -U admin -P password "$cap" >"$dir/ok.txt" 2>"$dir/err"
check "ipmi-pcap reads the capture" test $? -eq 0
# Per auth type: how many AuthCodes verify, and how many do not.
count() { grep -c -- "$1" "$2"; }
for t in MD5 password MD2; do
	c=$(count "IPMI 1.5 ($t, auth code ok: credential 1)" "$dir/ok.txt")
	check "$t: $c AuthCodes verify with the password" test "$c" -ge 6
done
gdi="IPMI 1.5 (MD5, auth code ok: credential 1) App (07h) Get Device ID (01h) response rqSeq"
check "the MD5 session's Get Device ID response verifies" grep -qF -- "$gdi" "$dir/ok.txt"
# Only the console with the wrong password mismatches: its Activate Session
# requests (the BMC does not answer them).
bad=$(grep -c "AUTH CODE MISMATCH" "$dir/ok.txt")
bad_act=$(grep "AUTH CODE MISMATCH" "$dir/ok.txt" | grep -c "Activate Session (3Ah) request")
check "the wrong-password console's Activate Session mismatches ($bad_act of $bad)" \
	test "$bad" -ge 1 -a "$bad" -eq "$bad_act"

"$IPMI_PCAP" -p "$port" -U admin -P wrong-password "$cap" >"$dir/bad.txt" 2>/dev/null
check "a wrong password: no AuthCode verifies" test "$(count "auth code ok" "$dir/bad.txt")" -eq 0
check "... every MD5 one is shown as a mismatch" \
	test "$(count "(MD5, AUTH CODE MISMATCH: wrong password)" "$dir/bad.txt")" -ge 10

"$IPMI_PCAP" --json -p "$port" "$cap" >"$dir/none.json" 2>/dev/null
check "no password: reported, nothing verified" \
	test "$(count '"auth_check":"no_password"' "$dir/none.json")" -ge 20 \
	-a "$(count '"verified":true' "$dir/none.json")" -eq 0
"$IPMI_PCAP" --json -p "$port" -P password "$cap" >"$dir/ok.json" 2>/dev/null
check "JSON: verified AuthCodes carry the credential" \
	test "$(count '"auth_check":"verified","credential":1,"verified":true' "$dir/ok.json")" -ge 18

abi=${WS_PLUGIN_ABI:-4.0}
so="${WS_PLUGIN_DIR:-}/$abi/epan/ipmi_rmcpp.so"
if command -v tshark >/dev/null && [ -f "$so" ]; then
	# a copy nobody can read (tshark ignores WIRESHARK_PLUGIN_DIR as root)
	mkdir -p "$dir/plugins/$abi/epan"
	cp "$so" "$dir/plugins/$abi/epan/"
	chmod -R a+rX "$dir/plugins" "$dir"
	ws() { # ws PASSWORD FILTER: the frames tshark shows
		runuser -u nobody -- env HOME="$dir" WIRESHARK_PLUGIN_DIR="$dir/plugins" \
			tshark -r "$cap" -d "udp.port==$port,rmcp" \
			-o "uat:ipmi_rmcpp_credentials:\"admin\",\"$1\",\"\"" -Y "$2" 2>/dev/null | wc -l
	}
	good=$(ws password 'ipmi_rmcpp.auth15.check == "verified" && ipmi_rmcpp.verified == 1')
	check "tshark: $good AuthCodes verify with the password" test "$good" -ge 40
	m=$(ws password 'ipmi_rmcpp.auth15.check contains "mismatch"')
	check "tshark: only the wrong-password console's mismatch ($m)" test "$m" -eq "$bad"
	w=$(ws wrong-password 'ipmi_rmcpp.verified == 1')
	wm=$(ws wrong-password 'ipmi_rmcpp.auth15.check contains "mismatch" && _ws.expert')
	check "tshark, wrong password: none verifies, $wm mismatch expert infos" \
		test "$w" -eq 0 -a "$wm" -ge 40
else
	ok "tshark # SKIP tshark or the plugin missing"
fi
echo "1..$n"
[ "$failed" -eq 0 ] || cat "$dir/err" "$dir/ok.txt" >&2
exit "$failed"
