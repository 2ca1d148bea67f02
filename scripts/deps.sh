#!/usr/bin/env bash
# Install the Debian 12 packages a job needs, only those missing, so that a
# second run costs nothing.  Usage: scripts/deps.sh build|test|demo|bench
set -euo pipefail

build_pkgs=(meson ninja-build pkg-config gcc python3 libglib2.0-dev libgcrypt20-dev libpcap-dev)
test_pkgs=("${build_pkgs[@]}" ipmitool freeipmi-tools openipmi)
# dissector/: ipmi-pcap (libpcap), the Wireshark plugin, live captures
test_pkgs+=(libwireshark-dev tshark tcpdump)
# fuzz/ (fuzz/run.sh): clang 14; libFuzzer and the sanitizer runtimes
# (libclang_rt.fuzzer-x86_64.a) come in libclang-rt-14-dev.
test_pkgs+=(clang libclang-rt-14-dev)
# GObject Introspection (-Dintrospection=auto): the scanner builds
# Ipmi-0.gir/.typelib; tests/gi-example-check.sh runs examples/python/ with
# Debian's python3-gi.
test_pkgs+=(gobject-introspection libgirepository1.0-dev gir1.2-glib-2.0 python3-gi)
# scripts/demo.sh captures its own session (dumpcap, from tshark's
# wireshark-common) and decrypts it with ipmi-pcap (libpcap-dev above).
demo_pkgs=("${build_pkgs[@]}" tshark)
# bench/run.sh: the peers and tshark of the tests, gnuplot for the chart,
# valgrind (callgrind) and perf for the profiles.
bench_pkgs=("${build_pkgs[@]}" ipmitool freeipmi-tools libwireshark-dev tshark gnuplot-nox valgrind linux-perf)

case "${1:-build}" in
build) want=("${build_pkgs[@]}") ;;
test) want=("${test_pkgs[@]}") ;;
demo) want=("${demo_pkgs[@]}") ;;
bench) want=("${bench_pkgs[@]}") ;;
*) echo "deps.sh: unknown job '$1' (build, test, demo or bench)" >&2; exit 2 ;;
esac

missing=()
for p in "${want[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "Installing: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
# tshark's wireshark-common asks whether non-root users may capture: no.
echo "wireshark-common wireshark-common/install-setuid boolean false" | $sudo debconf-set-selections
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
