#!/bin/sh
# Regenerate every tests/data/kat-*.txt (see README).  Loopback only; each
# capture.py run starts and stops its own BMC and relay.
set -e
cd "$(dirname "$0")"
OUT=${1:-../data}
P=19640
cap() { # name args...
	n=$1; shift
	python3 capture.py --port-base $P --out "$OUT/kat-$n.txt" "$@"
	P=$((P + 2))
}
KG=6b672d7365637265742d3230627974657321  # "kg-secret-20bytes!" (18 bytes)
for s in 1 2 3; do
	cap ipmitool-ipmisim-suite$s --client ipmitool --bmc ipmisim --suite $s
	cap freeipmi-ipmisim-suite$s --client freeipmi --bmc ipmisim --suite $s
done
for s in 1 2 3 6 7 8 15 16 17; do
	cap ipmitool-pybmc-suite$s --client ipmitool --bmc pybmc --suite $s
done
cap ipmitool-pybmc-suite17-auto --client ipmitool --bmc pybmc --suite 17 --auto
cap ipmitool-pybmc-suite3-kg --client ipmitool --bmc pybmc --suite 3 --kg $KG
cap ipmitool-pybmc-suite17-kg --client ipmitool --bmc pybmc --suite 17 --kg $KG
for s in 1 2 3 6 7 8 11 12 15 16 17; do
	cap freeipmi-pybmc-suite$s --client freeipmi --bmc pybmc --suite $s
done
cap freeipmi-pybmc-suite3-kg --client freeipmi --bmc pybmc --suite 3 --kg $KG
cap freeipmi-pybmc-suite17-kg --client freeipmi --bmc pybmc --suite 17 --kg $KG
