#!/usr/bin/env bash
# bench/run.sh - every benchmark of bench/README.md in one go, on this
# machine, against peers measured in the same run on the same bmcsim:
#
#   1. simulator capacity: bmcsim memory per held session (fresh bmcsim)
#   2. fleet poll, N = 100 and 1000 BMCs of one 1000-endpoint bmcsim; per
#      BMC a suite-17 session, Get Device ID, close: ipmictl's fleet mode
#      (when tools/ipmictl has one), bench-fleet (libipmi's public API),
#      FreeIPMI bmc-info -F 64 and -F 1024, ipmitool under xargs -P 8; and
#      the kernel's floor: bench-udpfloor's client and server moving the
#      same datagrams with the same socket calls and no crypto at all
#   3. one session pipelined: Get Device ID with 1, 8, 32 in flight; and 4
#      sessions x 32 for the requests/s bmcsim serves
#   4. crypto: record-layer seal+open vs raw libgcrypt (bench-crypto)
#   5. decryption: a generated 1,000,000-packet capture through ipmi-pcap
#      and tshark with and without the Wireshark plugin
#   6. profiles: callgrind (perf cannot count instructions on this VM) of
#      the fleet client, of bmcsim and of the record layer; perf cpu-clock
#      samples with call graphs (kernel included) of the client, bmcsim,
#      ipmi-pcap and tshark + plugin where perf record works
#
# Then bench/report.py prints the table and writes bench/results/latest.json,
# latest.md and latest.png (gnuplot).  Figures are ratios of runs made here
# and now; nothing is asserted.
#
# Usage: bench/run.sh [BUILD_DIR]      (default: build; set up and built here)
# Environment: BENCH_REPS (3) repetitions of the pipeline, ipmi-pcap and
#   tshark runs, BENCH_FLEET_REPS (5) of each fleet run (the best is kept);
#   BENCH_PACKETS (1000000) capture size; BENCH_IPMITOOL_SAMPLE (200) hosts
#   ipmitool polls at N = 1000 (its rate is extrapolated to 1000);
#   BENCH_PROFILE (1) 0 skips step 6; BENCH_DEPS (1) 0 skips scripts/deps.sh;
#   BENCH_WAIT_IDLE (0) wait up to that many seconds for the machine to be
#   idle (under 15 % CPU busy over a second) before measuring: other work on
#   these 2 cores (a fuzzer, a test suite) halves some figures;
#   BENCH_ONLY (all) "fleet" runs step 2 alone and prints its table without
#   touching bench/results/ (for comparing changes to the transport);
#   BENCH_RAW_OUT (unset) with BENCH_ONLY=fleet: also copy the raw
#   measurements (one JSON object per line) to that file.
# Traffic goes to 127.0.0.0/8 only; every loop is bounded; every bmcsim
# (and bench-udpfloor server) started here is stopped on exit.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
build=${1:-$root/build}
case $build in /*) ;; *) build=$PWD/$build ;; esac
results=$here/results
reps=${BENCH_REPS:-3}
# A fleet run at N = 1000 lasts ~60 ms, where one scheduling hiccup shows:
# its steps (not ipmitool's) take the best of more repetitions.
fleet_reps=${BENCH_FLEET_REPS:-5}
packets=${BENCH_PACKETS:-1000000}
it_sample=${BENCH_IPMITOOL_SAMPLE:-200}
profile=${BENCH_PROFILE:-1}
only=${BENCH_ONLY:-all}
case $only in all | fleet) ;; *) echo "bench: BENCH_ONLY=$only: all or fleet" >&2; exit 2 ;; esac
[ "$only" = fleet ] && profile=0

step() { printf '[%s] %s\n' "$(date +%T)" "$*" >&2; }

if [ "${BENCH_DEPS:-1}" = 1 ]; then
	"$root/scripts/deps.sh" bench
fi
if [ ! -f "$build/build.ninja" ]; then
	meson setup "$build" "$root" >/dev/null
fi
step "building in $build"
meson compile -C "$build" >/dev/null

B=$build/bench
bmcsim=$build/simulator/bmcsim
ipmictl=$build/tools/ipmictl
ipmipcap=$build/dissector/ipmi-pcap
for f in "$B/bench-run" "$B/bench-fleet" "$B/bench-pipeline" "$B/bench-crypto" \
	"$B/bench-pcapgen" "$B/bench-udpfloor" "$bmcsim" "$ipmipcap"; do
	[ -x "$f" ] || { echo "bench: $f was not built" >&2; exit 1; }
done

work=$(mktemp -d /tmp/ipmi-bench.XXXXXX)
chmod 755 "$work"
raw=$work/raw.jsonl
: >"$raw"
sims=()
stop_sim() {
	local pid=$1 keep=() p
	kill -TERM "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
	for p in "${sims[@]}"; do [ "$p" = "$pid" ] || keep+=("$p"); done
	sims=("${keep[@]}")
}
cleanup() {
	local p
	for p in "${sims[@]}"; do
		kill -TERM "$p" 2>/dev/null || true
		wait "$p" 2>/dev/null || true
	done
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Share of CPU time busy over one second, in percent, from /proc/stat.
cpu_busy() {
	local a b
	a=$(awk '/^cpu / {print $2+$3+$4+$7+$8, $2+$3+$4+$5+$6+$7+$8}' /proc/stat)
	sleep 1
	b=$(awk '/^cpu / {print $2+$3+$4+$7+$8, $2+$3+$4+$5+$6+$7+$8}' /proc/stat)
	echo "$a $b" | awk '{ d = $4 - $2; b = 0; if (d > 0) b = ($3 - $1) * 100 / d; printf "%d\n", b }'
}
busy=$(cpu_busy)
waited=0
while [ "$busy" -ge 15 ] && [ "$waited" -lt "${BENCH_WAIT_IDLE:-0}" ]; do
	[ "$waited" = 0 ] && step "waiting for an idle machine (CPU ${busy}% busy)"
	sleep 4
	waited=$((waited + 5))
	busy=$(cpu_busy)
done
[ "$busy" -ge 15 ] && step "note: the machine is ${busy}% busy with other work; figures will suffer"

mkdir -p "$results"
t_start=$(date +%s)
emit() { printf '%s\n' "$1" >>"$raw"; }
emit "{\"kind\":\"meta\",\"date\":\"$(date -u +%FT%TZ)\",\"host\":\"$(uname -nmr)\",\"cpus\":$(nproc),\"loadavg_start\":\"$(cut -d' ' -f1-3 /proc/loadavg)\",\"cpu_busy_start_pct\":$busy,\"waited_s\":$waited,\"commit\":\"$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$root" diff --quiet 2>/dev/null || echo +dirty)\"}"

# A UDP port nobody on this machine uses (other bmcsims may be running).
pick_port() {
	local p i
	for i in $(seq 1 50); do
		p=$((20000 + RANDOM % 10000))
		if [ -z "$(ss -Huan "sport = :$p" 2>/dev/null)" ]; then
			echo "$p"
			return 0
		fi
	done
	return 1
}

# start_server NAME LAUNCH READY ARG... : runs `LAUNCH PORT LOG ARG...` in
# the background (it execs the server, writing to LOG = $work/NAME.log) on
# a free port, and waits until `READY PORT LOG` says it serves; tries up to
# five ports.  Sets SRV_PID and SRV_PORT; the server joins sims, so it is
# stopped on exit.
start_server() {
	local name=$1 launch=$2 ready=$3 log=$work/$1.log try port pid i
	shift 3
	for try in 1 2 3 4 5; do
		port=$(pick_port)
		"$launch" "$port" "$log" "$@" &
		pid=$!
		for i in $(seq 1 300); do
			"$ready" "$port" "$log" && break
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.1
		done
		if "$ready" "$port" "$log"; then
			sims+=("$pid")
			SRV_PID=$pid
			SRV_PORT=$port
			return 0
		fi
		kill -TERM "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	done
	echo "bench: $name would not start: $(cat "$log")" >&2
	exit 1
}

# start_sim NAME RANGE... : bmcsim serving every RANGE on one free port;
# sets SIM_PID and SIM_PORT.
launch_sim() {
	local port=$1 log=$2 r args=()
	shift 2
	for r in "$@"; do args+=(--listen "$r:$port"); done
	exec "$bmcsim" "${args[@]}" >"$log" 2>&1
}
ready_sim() { grep -q "listening on" "$2"; }
start_sim() {
	start_server "$1" launch_sim ready_sim "${@:2}"
	SIM_PID=$SRV_PID
	SIM_PORT=$SRV_PORT
}

# start_floor COUNT RANGE... : bench-udpfloor's server answering on every
# address of the RANGEs (COUNT in all) on one free port, as bmcsim would;
# sets FLOOR_PID and FLOOR_PORT.  It prints nothing: it is up when ss
# shows its COUNT sockets (a dead server has none).
launch_floor() {
	local port=$1 log=$2 r args=()
	shift 2
	for r in "$@"; do args+=(--range "$r"); done
	exec "$B/bench-udpfloor" serve --port "$port" "${args[@]}" --max-seconds 3600 \
		>"$log" 2>&1
}
ready_floor() { [ "$(ss -Huan "sport = :$1" 2>/dev/null | wc -l)" -ge "$floor_count" ]; }
start_floor() {
	floor_count=$1
	start_server floor launch_floor ready_floor "${@:2}"
	FLOOR_PID=$SRV_PID
	FLOOR_PORT=$SRV_PORT
}

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }

# measure_watch PID FILE CMD... : run CMD under bench-run watching PID's CPU
# (a bmcsim or the floor's server); its output goes to FILE, the cost line
# to FILE.run.
measure_watch() {
	local pid=$1 out=$2
	shift 2
	"$B/bench-run" --watch "$pid" --timeout 300 -- "$@" >"$out" 2>"$out.err" 3>"$out.run" ||
		true
	[ -s "$out.run" ] || echo '{"wall_s":-1,"cpu_s":-1,"watch_cpu_s":-1,"exit":-1}' >"$out.run"
}

# measure FILE CMD... : the same, watching the current bmcsim.
measure() {
	measure_watch "$SIM_PID" "$@"
}

four_ranges=(127.0.1.1-127.0.1.250 127.0.2.1-127.0.2.250 127.0.3.1-127.0.3.250 127.0.4.1-127.0.4.250)
for o in 1 2 3 4; do for h in $(seq 1 250); do echo "127.0.$o.$h"; done; done >"$work/hosts1000"
head -100 "$work/hosts1000" >"$work/hosts100"
for i in 1 2 3 4 5 6 7 8; do cat "$work/hosts1000"; done >"$work/hosts8000"

# ---- 1. simulator memory per held session (a fresh bmcsim) ---------------
if [ "$only" = all ]; then
step "capacity: holding 8000 sessions on a fresh 1000-BMC bmcsim"
start_sim capacity "${four_ranges[@]}"
sleep 0.5
rss0=$(rss_kb "$SIM_PID")
"$B/bench-fleet" --hosts-file "$work/hosts8000" -p "$SIM_PORT" -F 256 --hold 4 \
	--max-seconds 120 >"$work/hold.out" 2>"$work/hold.err" &
holder=$!
rss1=0
for i in $(seq 1 600); do
	if grep -q "holding" "$work/hold.out"; then
		sleep 0.3
		rss1=$(rss_kb "$SIM_PID")
		break
	fi
	kill -0 "$holder" 2>/dev/null || break
	sleep 0.1
done
wait "$holder" || true
held=$(sed -n 's/bench-fleet: holding \([0-9]*\) sessions/\1/p' "$work/hold.out")
emit "{\"kind\":\"capacity\",\"rss0_kb\":$rss0,\"rss1_kb\":$rss1,\"held\":${held:-0},\"fleet\":$(grep '^{' "$work/hold.out" || echo null)}"
stop_sim "$SIM_PID"
fi

# ---- 2. fleet poll ---------------------------------------------------------
start_sim main "${four_ranges[@]}"
port=$SIM_PORT
# The kernel's floor: the same datagrams (sizes of a suite-17 session,
# measured), the same socket calls, no crypto; its own server, on its own
# port, idle while the others run (and bmcsim idle while it runs).
start_floor 1000 "${four_ranges[@]}"
range100="127.0.1.[1-100]:$port"
range1000="127.0.1.[1-250]:$port,127.0.2.[1-250]:$port,127.0.3.[1-250]:$port,127.0.4.[1-250]:$port"
have_fleet=0
if [ -x "$ipmictl" ]; then
	"$ipmictl" --help >"$work/ipmictl-help" 2>&1 || true
	grep -qi 'fanout' "$work/ipmictl-help" && have_fleet=1
fi
emit "{\"kind\":\"fleet_meta\",\"ipmictl_fleet\":$have_fleet,\"ipmitool_sample\":$it_sample,\"reps\":$fleet_reps,\"port\":$port}"
fleet_rec() { # tool n fanout rep sample ok file [result-file]
	local result=""
	[ -n "${8:-}" ] && result=",\"result\":$(grep '^{' "$8" || echo null)"
	emit "{\"kind\":\"fleet\",\"tool\":\"$1\",\"n\":$2,\"fanout\":$3,\"rep\":$4,\"polled\":$5,\"ok\":$6,\"run\":$(cat "$7.run")$result}"
}
count_devid() { grep -c 'Device ID *:' "$1" || true; }

for n in 100 1000; do
	if [ "$n" = 100 ]; then range=$range100; else range=$range1000; fi
	for rep in $(seq 1 "$fleet_reps"); do
		step "fleet N=$n, repetition $rep/$fleet_reps"
		f=$work/lib-$n-$rep
		measure "$f" "$B/bench-fleet" --hosts-file "$work/hosts$n" -p "$port" -F 64
		ok=$(sed -n 's/.*"ok":\([0-9]*\).*/\1/p' "$f")
		fleet_rec lib "$n" 64 "$rep" "$n" "${ok:-0}" "$f"
		if [ "$have_fleet" = 1 ]; then
			f=$work/ipmictl-$n-$rep
			measure "$f" "$ipmictl" -H "$range" -F 64 -U admin -P password -C 17 -L USER mc info
			ok=$(grep -c 'Device ID' "$f" || true)
			if [ "${ok:-0}" = 0 ] && grep -q '"exit":0' "$f.run"; then ok=$n; fi
			fleet_rec ipmictl "$n" 64 "$rep" "$n" "$ok" "$f"
		fi
		for F in 64 1024; do
			f=$work/freeipmi$F-$n-$rep
			measure "$f" bmc-info -h "$range" -u admin -p password -I 17 --driver-type=LAN_2_0 \
				-F "$F" --get-device-id --session-timeout=5000 --retransmission-timeout=1000
			fleet_rec "freeipmi-F$F" "$n" "$F" "$rep" "$n" "$(count_devid "$f")" "$f"
		done
		# the floor, the same way: same hosts, -F 64, its server's CPU watched
		f=$work/floor-$n-$rep
		measure_watch "$FLOOR_PID" "$f" "$B/bench-udpfloor" client --hosts-file "$work/hosts$n" \
			-p "$FLOOR_PORT" -F 64 --max-seconds 120
		ok=$(sed -n 's/.*"ok":\([0-9]*\).*/\1/p' "$f")
		fleet_rec udp-floor "$n" 64 "$rep" "$n" "${ok:-0}" "$f" "$f"
	done
	# ipmitool: one process per BMC, 8 at a time; once, on a sample at N=1000.
	polled=$n
	[ "$n" = 1000 ] && polled=$it_sample
	step "fleet N=$n: ipmitool via xargs -P 8 on $polled hosts"
	head -"$polled" "$work/hosts$n" >"$work/it-hosts-$n"
	f=$work/ipmitool-$n
	measure "$f" sh -c "xargs -P 8 -I{} ipmitool -I lanplus -H {} -p $port -U admin \
		-P password -C 17 -L USER -N 1 -R 2 mc info <'$work/it-hosts-$n'"
	fleet_rec ipmitool "$n" 8 1 "$polled" "$(count_devid "$f")" "$f"
done
stop_sim "$FLOOR_PID"

if [ "$only" = fleet ]; then
	stop_sim "$SIM_PID"
	emit "{\"kind\":\"meta_end\",\"loadavg_end\":\"$(cut -d' ' -f1-3 /proc/loadavg)\",\"cpu_busy_end_pct\":$(cpu_busy),\"seconds\":$(($(date +%s) - t_start))}"
	[ -n "${BENCH_RAW_OUT:-}" ] && cp "$raw" "$BENCH_RAW_OUT"
	step "report (fleet only; bench/results/ untouched)"
	python3 "$here/report.py" --fleet-only "$raw"
	exit 0
fi

# ---- 3. one session, pipelined ---------------------------------------------
pipe_rec() { # sim sessions depth file kind
	emit "{\"kind\":\"$5\",\"sim\":\"$1\",\"sessions\":$2,\"depth\":$3,\"result\":$(grep '^{' "$4" || echo null),\"run\":$(cat "$4.run")}"
}
for rep in $(seq 1 "$reps"); do
	for d in 1 8 32; do
		step "pipeline: depth $d, repetition $rep/$reps"
		cnt=20000
		[ "$d" = 1 ] && cnt=10000
		f=$work/pipe-$d-$rep
		measure "$f" "$B/bench-pipeline" -H 127.0.1.1 -p "$port" -d "$d" -n "$cnt"
		pipe_rec 1000 1 "$d" "$f" pipeline
	done
	step "pipeline: 4 sessions x 32 (requests/s bmcsim serves), repetition $rep/$reps"
	f=$work/pipe-4x32-$rep
	measure "$f" "$B/bench-pipeline" -H 127.0.1.2 -p "$port" -k 4 -d 32 -n 40000
	pipe_rec 1000 4 32 "$f" served
done

# ---- 6a. profiles against the same bmcsim ------------------------------------
perf_ok=0
if [ "$profile" = 1 ]; then
	if command -v perf >/dev/null && perf record -q -e cpu-clock -o "$work/probe.perf" true \
		>/dev/null 2>&1; then
		perf_ok=1
	fi
	count_ok=0
	if command -v perf >/dev/null; then
		perf stat -x, -e instructions true >"$work/perf-stat" 2>&1 || true
		grep -q '^[0-9]' "$work/perf-stat" && count_ok=1
	fi
	emit "{\"kind\":\"profile_meta\",\"perf_counts_instructions\":$count_ok,\"perf_record_cpu_clock\":$perf_ok}"
	if command -v valgrind >/dev/null; then
		step "profile: callgrind of the fleet client (500 BMCs)"
		(cd "$work" && valgrind --tool=callgrind --callgrind-out-file="$work/client.cg" \
			"$B/bench-fleet" --hosts-file "$work/hosts1000" -n 500 -p "$port" -F 64 \
			--timeout-ms 20000 >"$work/client-cg.out" 2>"$work/client-cg.err") || true
		step "profile: callgrind of the record layer (suite 17, 20000 packets)"
		(cd "$work" && valgrind --tool=callgrind --callgrind-out-file="$work/record.cg" \
			"$B/bench-crypto" --profile 17 --iterations 20000 >/dev/null 2>&1) || true
	fi
	if [ "$perf_ok" = 1 ]; then
		step "profile: perf cpu-clock samples of bmcsim and the client, 8000 sessions"
		perf record -q -e cpu-clock -F 700 --call-graph dwarf,8192 -p "$SIM_PID" \
			-o "$work/sim.perf" >/dev/null 2>&1 &
		perfpid=$!
		sleep 0.5
		perf record -q -e cpu-clock -F 700 --call-graph dwarf,8192 -o "$work/client.perf" \
			"$B/bench-fleet" --hosts-file "$work/hosts8000" -p "$port" -F 64 \
			>"$work/perf-fleet.out" 2>&1 || true
		kill -INT "$perfpid" 2>/dev/null || true
		wait "$perfpid" 2>/dev/null || true
	fi
fi
stop_sim "$SIM_PID"

# ---- 3b. the same pipeline against a bmcsim with one endpoint ----------------
start_sim single 127.0.0.1
for rep in $(seq 1 "$reps"); do
	for d in 1 8 32; do
		step "pipeline, 1-BMC bmcsim: depth $d, repetition $rep/$reps"
		f=$work/pipe1-$d-$rep
		measure "$f" "$B/bench-pipeline" -H 127.0.0.1 -p "$SIM_PORT" -d "$d" -n 10000
		pipe_rec 1 1 "$d" "$f" pipeline
	done
done
stop_sim "$SIM_PID"

# ---- 6b. bmcsim under callgrind ------------------------------------------------
if [ "$profile" = 1 ] && command -v valgrind >/dev/null; then
	step "profile: callgrind of bmcsim (1000 BMCs) serving 1000 sessions"
	bmcsim_real=$bmcsim
	printf '#!/bin/sh\nexec valgrind --tool=callgrind --callgrind-out-file=%s %s "$@"\n' \
		"$work/sim.cg" "$bmcsim_real" >"$work/bmcsim-cg"
	chmod +x "$work/bmcsim-cg"
	bmcsim=$work/bmcsim-cg
	start_sim simcg "${four_ranges[@]}"
	# count only the serving, not the start-up of 1000 endpoints
	timeout 30 callgrind_control -z "$SIM_PID" >/dev/null 2>&1 || true
	"$B/bench-fleet" --hosts-file "$work/hosts1000" -p "$SIM_PORT" -F 64 --timeout-ms 20000 \
		--max-seconds 120 >"$work/simcg-fleet.out" 2>&1 || true
	stop_sim "$SIM_PID"
	sim_ok=$(sed -n 's/.*"ok":\([0-9]*\).*/\1/p' "$work/simcg-fleet.out")
	client_ok=$(sed -n 's/.*"ok":\([0-9]*\).*/\1/p' "$work/client-cg.out")
	emit "{\"kind\":\"profile_units\",\"client_sessions\":${client_ok:-0},\"sim_sessions\":${sim_ok:-0},\"record_packets\":20000}"
	bmcsim=$bmcsim_real
fi

# ---- 4. crypto ----------------------------------------------------------------
step "crypto: record layer vs raw libgcrypt"
emit "{\"kind\":\"crypto\",\"result\":$("$B/bench-crypto" --json --iterations 50000)}"

# ---- 5. decryption --------------------------------------------------------------
step "decryption: generating a $packets-packet capture"
cap=$work/capture.pcap
emit "{\"kind\":\"capture\",\"result\":$("$B/bench-pcapgen" -n "$packets" "$cap")}"
chmod 644 "$cap"
SIM_PID=0
for rep in $(seq 1 "$reps"); do
	step "decryption: ipmi-pcap, repetition $rep/$reps"
	f=$work/ipmipcap-$rep
	"$B/bench-run" --timeout 300 -- "$ipmipcap" -U admin -P password "$cap" >/dev/null \
		2>"$f.err" 3>"$f.run" || true
	emit "{\"kind\":\"decrypt\",\"tool\":\"ipmi-pcap\",\"rep\":$rep,\"run\":$(cat "$f.run")}"
done
if command -v tshark >/dev/null && id nobody >/dev/null 2>&1; then
	mkdir -p "$work/home" "$work/noplugins"
	chown nobody "$work/home"
	plugdir=$build/plugins
	creds='uat:ipmi_rmcpp_credentials:"admin","password",""'
	have_plugin=0
	[ -f "$plugdir/4.0/epan/ipmi_rmcpp.so" ] && have_plugin=1
	tshark_run() { # label plugindir extra-args...
		local label=$1 dir=$2 f=$work/tshark-$1-$rep
		shift 2
		step "decryption: tshark ($label), repetition $rep/$reps"
		"$B/bench-run" --timeout 600 -- runuser -u nobody -- env HOME="$work/home" \
			WIRESHARK_PLUGIN_DIR="$dir" tshark -n -r "$cap" "$@" >/dev/null 2>"$f.err" \
			3>"$f.run" || true
		emit "{\"kind\":\"decrypt\",\"tool\":\"tshark\",\"variant\":\"$label\",\"rep\":$rep,\"run\":$(cat "$f.run")}"
	}
	# Interleaved, BENCH_REPS times: the report takes each variant's best
	# run, as for the other steps (other load only ever slows a run down).
	for rep in $(seq 1 "$reps"); do
		tshark_run stock "$work/noplugins"
		if [ "$have_plugin" = 1 ]; then
			tshark_run plugin-no-credentials "$plugdir"
			tshark_run plugin "$plugdir" -o "$creds"
		fi
		tshark_run stock-ipmi-decode "$work/noplugins" -o ipmi.dissect_bus_commands:TRUE
		if [ "$have_plugin" = 1 ]; then
			tshark_run plugin-ipmi-decode "$plugdir" -o "$creds" \
				-o ipmi.dissect_bus_commands:TRUE
		fi
	done
fi

# ---- 6d. where decryption spends its time (perf, dwarf call graphs) ------------
if [ "$profile" = 1 ] && [ "$perf_ok" = 1 ]; then
	"$B/bench-pcapgen" -n 300000 "$work/small.pcap" >/dev/null
	chmod 644 "$work/small.pcap"
	step "profile: perf of ipmi-pcap and of tshark + plugin (300,000 packets)"
	perf record -q -e cpu-clock -F 1000 --call-graph dwarf,8192 -o "$work/ipmipcap.perf" -- \
		"$ipmipcap" -U admin -P password "$work/small.pcap" >/dev/null 2>&1 || true
	if [ "${have_plugin:-0}" = 1 ]; then
		perf record -q -e cpu-clock -F 1000 --call-graph dwarf,8192 -o "$work/tshark.perf" -- \
			runuser -u nobody -- env HOME="$work/home" WIRESHARK_PLUGIN_DIR="$plugdir" \
			tshark -n -r "$work/small.pcap" -o "$creds" >/dev/null 2>&1 || true
	fi
fi

# ---- 6c. profile summaries --------------------------------------------------------
# (whole outputs go to files first: head on a pipe would SIGPIPE under pipefail)
prof=$results/profiles
mkdir -p "$prof"
for cg in client record sim; do
	if [ -s "$work/$cg.cg" ]; then
		callgrind_annotate --inclusive=yes "$work/$cg.cg" >"$work/$cg.ann" 2>/dev/null || true
		sed -n '/^Ir/,$p' "$work/$cg.ann" | { grep -v '^[0-9, ]*([ 0-9.]*%)  \.\./' || true; } |
			sed "s#$build/\.\./##g; s#$build/##g; s#$root/##g" |
			sed -n '1,150p' >"$prof/callgrind-$cg.txt"
		callgrind_annotate --inclusive=yes --tree=caller "$work/$cg.cg" >"$work/$cg.tree" \
			2>/dev/null || true
		{ grep -E '< .*\(([0-9,]+)x\)' "$work/$cg.tree" || true; } |
			{ grep -E '(ipmi_random_strong|gcry_md_open|gcry_cipher_open|gcry_randomize|hmac_parts|aes_cbc|ipmi_channel_seal|ipmi_channel_open) ' || true; } |
			sed "s#$build/\.\./##g; s#$build/##g; s#$root/##g" |
			sed -n '1,60p' >"$prof/callgrind-$cg-calls.txt"
	fi
done
if [ "$perf_ok" = 1 ]; then
	for p in sim client ipmipcap tshark; do
		[ -s "$work/$p.perf" ] || continue
		perf report -i "$work/$p.perf" --no-children --stdio --sort dso >"$work/$p.dso" \
			2>/dev/null || true
		perf report -i "$work/$p.perf" --children --stdio --sort sym -g none \
			>"$work/$p.sym" 2>/dev/null || true
		{
			echo "# perf cpu-clock samples, share by shared object"
			{ grep -E '^ +[0-9]' "$work/$p.dso" || true; } | sed -n '1,12p'
			echo "# share by symbol, callers included (kernel entries show the syscalls)"
			{ grep -E '^ +[0-9]' "$work/$p.sym" || true; } | { grep -v '0x0000' || true; } |
				sed -n '1,70p'
		} >"$prof/perf-$p.txt"
	done
fi
cp "$work/hold.out" "$prof/hold.out" 2>/dev/null || true

emit "{\"kind\":\"meta_end\",\"loadavg_end\":\"$(cut -d' ' -f1-3 /proc/loadavg)\",\"cpu_busy_end_pct\":$(cpu_busy),\"seconds\":$(($(date +%s) - t_start))}"
cp "$raw" "$results/latest-raw.jsonl"
step "report"
python3 "$here/report.py" "$raw" "$results" "$prof"
