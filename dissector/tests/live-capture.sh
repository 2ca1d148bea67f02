#!/usr/bin/env bash
# live-capture.sh - a capture the test makes itself: dumpcap on lo with a
# filter on the test's port while ipmitool (-C 17, -C 3), FreeIPMI bmc-info
# (-I 17, -I 3), ipmictl (with a key log) and a wrong password talk to
# bmcsim; then ipmi-pcap and tshark with the plugin decrypt it, and replay
# runs it again against bmcsim and against a bmcsim whose config changed.
# TAP output.  Needs root (capturing on lo; skips otherwise) and the tools (fails without).
#
# Environment (from meson): BMCSIM, IPMI_PCAP, IPMICTL (optional),
# WS_PLUGIN_DIR (optional), SIM_CONFIG (simulator/config/example.conf).
set -u

# shellcheck source-path=SCRIPTDIR source=tap.sh
. "$(dirname "$0")/tap.sh"

[ "$(id -u)" -eq 0 ] || skip_all "capturing on lo needs root"
for t in dumpcap ipmitool bmc-info; do
	command -v "$t" >/dev/null || bail "$t not installed (scripts/deps.sh test installs it)"
done
[ -x "${BMCSIM:-}" ] || bail "bmcsim not built"
[ -x "${IPMI_PCAP:-}" ] || bail "ipmi-pcap not built"

dir=$(mktemp -d /tmp/ipmi-live-XXXXXX)
chmod 755 "$dir"
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
	wait 2>/dev/null
	rm -rf "$dir"
}
trap cleanup EXIT

port=$((21000 + RANDOM % 20000))
port2=$((port + 1))
cap=$dir/live.pcapng

start_bmcsim() { # start_bmcsim LOG ARGS...
	local log=$1
	shift
	"$BMCSIM" "$@" >"$log" 2>&1 &
	pids+=($!)
	for _ in $(seq 50); do
		grep -q "listening on" "$log" && return 0
		sleep 0.1
	done
	return 1
}

start_bmcsim "$dir/bmcsim.log" --listen "127.0.0.1:$port" || skip_all "bmcsim did not start"
dumpcap -i lo -f "udp port $port" -w "$cap" >"$dir/dumpcap.log" 2>&1 &
dumpcap_pid=$!
pids+=($dumpcap_pid)
for _ in $(seq 50); do
	grep -q "Capturing on" "$dir/dumpcap.log" && break
	sleep 0.1
done
grep -q "Capturing on" "$dir/dumpcap.log" || skip_all "dumpcap cannot capture on lo"
sleep 0.3

echo "1..18"
it=(-I lanplus -H 127.0.0.1 -p "$port" -U admin -N 2 -R 1)
fi=(-h "127.0.0.1:$port" -u admin --driver-type=LAN_2_0 --get-device-id
	--session-timeout=5000 --retransmission-timeout=1000)
check "ipmitool -C 17 mc info" quiet ipmitool "${it[@]}" -P password -C 17 mc info
check "ipmitool -C 3 mc info" quiet ipmitool "${it[@]}" -P password -C 3 mc info
check "bmc-info -I 17" quiet bmc-info "${fi[@]}" -p password -I 17
check "bmc-info -I 3" quiet bmc-info "${fi[@]}" -p password -I 3
if ipmitool "${it[@]}" -P not-the-password -C 17 mc info >/dev/null 2>&1; then
	not_ok "ipmitool with a wrong password fails"
else
	ok "ipmitool with a wrong password fails"
fi
keylog=$dir/keylog
if [ -x "${IPMICTL:-}" ]; then
	check "ipmictl mc info with a key log" quiet env IPMI_KEYLOG_FILE="$keylog" \
		"$IPMICTL" -H 127.0.0.1 -p "$port" -U admin -P password -C 17 mc info
else
	ok "ipmictl mc info with a key log # SKIP ipmictl not built"
fi
sleep 0.5
kill -INT "$dumpcap_pid"
wait "$dumpcap_pid" 2>/dev/null
chmod 644 "$cap"

# What bmcsim's default BMC answers to Get Device ID (simulator/config):
# device 20h rev 1, firmware 1.23, IPMI 2.0, support DFh, manufacturer
# 32473 (7ED9h), product 0B5Ch, aux 0.
devid='"netfn":7,"netfn_name":"App","cmd":1,"cmd_name":"Get Device ID","response":true'
devdata='"cc":0,"cc_text":"Command completed normally","data":"2001012302dfd97e005c0b00000000"'

out=$dir/out.json
"$IPMI_PCAP" --json -p "$port" -U admin -P password "$cap" >"$out" 2>"$dir/err"
check "ipmi-pcap reads the live capture" test $? -eq 0
sessions=$(grep -c '"type":"session".*"verdict":"match"' "$out")
check "the tool sessions match admin/password ($sessions)" test "$sessions" -ge 5
check "the console's wrong password is reported" \
	grep -q '"verdict":"console_wrong_password","credential":1' "$out"
# ipmitool asks twice, bmc-info once (ipmictl once more, suite 17)
for suite in 17 3; do
	count=0
	for s in $(grep '"type":"session"' "$out" | grep "\"cipher_suite\":$suite," |
		grep '"verdict":"match"' | sed 's/.*"session":\([0-9]*\),.*/\1/'); do
		c=$(grep "\"session\":$s,\"session_id\"" "$out" | grep "$devid" | grep "$devdata" |
			grep -c '"verified":true')
		count=$((count + c))
	done
	check "suite $suite: $count Get Device ID responses decrypted exactly" test "$count" -ge 3
done
check "both ipmitool (A0A2A3A4) sessions decrypt" test "$(grep -c '"session_id":2695013284,.*"status":"ok"' "$out")" -ge 10

if [ -s "$keylog" ]; then
	"$IPMI_PCAP" --json -p "$port" --keylog "$keylog" "$cap" >"$dir/kl.json" 2>/dev/null
	check "the ipmictl session decrypts from its key log alone" \
		grep -q "\"verdict\":\"keylog\"" "$dir/kl.json"
	check "... and its Get Device ID is the BMC's" grep -q "$devdata" "$dir/kl.json"
else
	ok "key log # SKIP no key log written"
	ok "key log data # SKIP no key log written"
fi

abi=${WS_PLUGIN_ABI:-4.0}
so="${WS_PLUGIN_DIR:-}/$abi/epan/ipmi_rmcpp.so"
if command -v tshark >/dev/null && [ -f "$so" ]; then
	# a copy nobody can read, wherever the build folder is
	mkdir -p "$dir/plugins/$abi/epan"
	cp "$so" "$dir/plugins/$abi/epan/"
	chmod -R a+rX "$dir/plugins"
	frames=$(runuser -u nobody -- env HOME="$dir" WIRESHARK_PLUGIN_DIR="$dir/plugins" \
		tshark -r "$cap" -d "udp.port==$port,rmcp" -o ipmi.dissect_bus_commands:TRUE \
		-o 'uat:ipmi_rmcpp_credentials:"admin","password",""' \
		-Y 'ipmi.header.command == 0x01 && ipmi_rmcpp.verified' 2>/dev/null | wc -l)
	check "tshark with the plugin finds the decrypted Get Device IDs ($frames)" test "$frames" -ge 8
else
	ok "tshark # SKIP tshark or the plugin missing"
fi

# Replay: the same BMC gives the same answers; a changed one does not.
"$IPMI_PCAP" replay --target "127.0.0.1:$port" -p "$port" -U admin -P password "$cap" \
	>"$dir/replay" 2>&1
check "replay against the same bmcsim: no differences" test $? -eq 0
sed -e "s/^firmware-revision = .*/firmware-revision = 2.05/" \
	-e "s/^listen = .*/listen = 127.0.0.1:$port2/" "${SIM_CONFIG:?}" >"$dir/changed.conf"
if start_bmcsim "$dir/bmcsim2.log" --config "$dir/changed.conf"; then
	"$IPMI_PCAP" replay --target "127.0.0.1:$port2" -p "$port" -U admin -P password "$cap" \
		>"$dir/replay2" 2>&1
	check "replay against a changed bmcsim reports differences" test $? -eq 1
	check "... in Get Device ID's firmware revision (1.23 -> 2.05)" \
		grep -q "Get Device ID (06h/01h): DIFFERS: captured cc 00h data \[2001012302.*now cc 00h data \[2001020502" "$dir/replay2"
else
	not_ok "changed bmcsim did not start"
	not_ok "changed bmcsim did not start"
fi
[ "$failed" -eq 0 ] || { cat "$dir/err" "$dir/replay" "$dir/replay2" 2>/dev/null >&2; }
exit "$failed"
