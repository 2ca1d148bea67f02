#!/bin/sh
# pcap-speed.sh GEN IPMI_PCAP BENCH_RUN [PACKETS] - the decryption benchmark
# for `meson test --benchmark`: write a capture of PACKETS (default 1,000,000)
# RMCP+ packets with bench-pcapgen, then time ipmi-pcap decrypting all of it
# (output to /dev/null).  Prints packets/s; bench/run.sh does the same and
# adds tshark with and without the Wireshark plugin.
set -eu
gen=$1 pcap=$2 run=$3 n=${4:-1000000}
dir=$(mktemp -d "${TMPDIR:-/tmp}/ipmi-pcap-bench.XXXXXX")
trap 'rm -rf "$dir"' EXIT
"$gen" -n "$n" "$dir/cap.pcap" >"$dir/gen.json"
"$run" --timeout 600 -- "$pcap" -U admin -P password "$dir/cap.pcap" >/dev/null 3>"$dir/run.json"
pk=$(sed 's/.*"packets":\([0-9]*\).*/\1/' "$dir/gen.json")
wall=$(sed 's/.*"wall_s":\([0-9.]*\).*/\1/' "$dir/run.json")
echo "capture: $(cat "$dir/gen.json")"
echo "ipmi-pcap: $(cat "$dir/run.json")"
awk -v p="$pk" -v w="$wall" 'BEGIN { printf "ipmi-pcap: %d packets in %.2f s = %.0f packets/s\n", p, w, p / w }'
