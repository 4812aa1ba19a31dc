#!/usr/bin/env bash
# npm run bench: starts NSD on loopback with a generated zone and tsdig's test hierarchy, then times
# (interleaved rounds, medians) a plain query with tsdig, dig, kdig, the bare Node floor and the least
# a Node program asking one question does (bench/udp-floor.cjs), and the steps of its start-up
# (bench/startup.mjs); a batch file with tsdig -f, dig -f, dnsperf and a bare node:dgram loop
# (bench/batch-floor.mjs), and the same over TCP with connections kept open (tsdig and dig +keepopen,
# dnsperf -m tcp); +trace through the hierarchy with and without a silent server,
# with tsdig and with dig +trace (the latter only as root, in a private mount namespace; see below);
# and a batch of traces over many zones against the same names asked of their server directly.
# Prints a summary and writes bench/RESULTS.md. Every packet stays on loopback; servers stop by pid.
# Knobs: BENCH_ROUNDS (single queries, default 30), BENCH_BATCH_ROUNDS (default 5), BENCH_QUERIES
# (default 20000), BENCH_TRACE_ROUNDS (default 4) and BENCH_TRACE_MAX_ROUNDS (default 10): +trace runs
# at least BENCH_TRACE_ROUNDS rounds, and more (up to the maximum) until each silent-server command
# has met the silent server in half of them (dig picks the server it asks first at random);
# BENCH_SCALE_ZONES (default 100), BENCH_SCALE_NAMES (names per zone, default 100) and
# BENCH_SCALE_ROUNDS (default 3) for the batch of traces (tsdig -f +trace) against plain queries.
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=${BENCH_ROUNDS:-30}
batch_rounds=${BENCH_BATCH_ROUNDS:-5}
names=${BENCH_QUERIES:-20000}
trace_rounds=${BENCH_TRACE_ROUNDS:-4}
trace_max_rounds=${BENCH_TRACE_MAX_ROUNDS:-10}
scale_zones=${BENCH_SCALE_ZONES:-100}
scale_per_zone=${BENCH_SCALE_NAMES:-100}
scale_rounds=${BENCH_SCALE_ROUNDS:-3}
address=127.77.0.1
resolver=127.77.0.53
work=$(mktemp -d "${TMPDIR:-/tmp}/tsdig-bench.XXXXXX")
# interleave.mjs keeps its scratch files in TMPDIR: here, so the cleanup below removes them whatever happens.
export TMPDIR="$work"
hierarchy_pid=
unbound_pid=
scale_pid=

cleanup() {
  if [ -s "$work/nsd.pid" ]; then
    nsd_pid=$(cat "$work/nsd.pid")
    kill "$nsd_pid" 2>/dev/null || true
    # NSD is not our child (it daemonizes) and writes its state files on the way out: wait for it to go.
    for _ in $(seq 50); do kill -0 "$nsd_pid" 2>/dev/null || break; sleep 0.1; done
  fi
  [ -n "$hierarchy_pid" ] && kill "$hierarchy_pid" 2>/dev/null || true
  [ -n "$unbound_pid" ] && kill "$unbound_pid" 2>/dev/null || true
  [ -n "$scale_pid" ] && kill "$scale_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

for tool in nsd dig kdig dnsperf /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing (sh .ci/install-interop.sh; apt-get install time)" >&2; exit 1; }
done
[ -f dist/tsdig.cjs ] || { echo "bench: dist/tsdig.cjs is missing; run npm run build" >&2; exit 1; }

# Nothing in these runs should read the host's resolv.conf; if anything did, it would find loopback only.
export TSDIG_RESOLV_CONF="$PWD/test/support/loopback-resolv.conf" NO_COLOR=1 TSDIG_LOOPBACK_ONLY=1
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" > "$work/load"
# Whether bin/tsdig starts from V8's code cache (dist/tsdig.cache) on this Node, for the record.
node -e '
  const { script } = require("./bin/bundle.cjs").loadBundle();
  const state = { true: "rejected by this Node", false: "accepted", undefined: "missing or for another bundle" };
  console.log(`code cache: ${state[script?.cachedDataRejected]}`);' >> "$work/load"

port=$(node -e '
  const { createSocket } = require("node:dgram"); const net = require("node:net");
  const udp = createSocket("udp4");
  udp.bind(0, process.argv[1], () => { const port = udp.address().port; const tcp = net.createServer();
    tcp.listen(port, process.argv[1], () => { console.log(port); tcp.close(); udp.close(); }); });' "$address")
bash bench/nsd.sh "$work" "$address" "$port" "$names"
for _ in $(seq 50); do
  [ "$(kdig +short +timeout=1 "@$address" -p "$port" www.bench.test A 2>/dev/null)" = 192.0.2.1 ] && break
  sleep 0.1
done
node bin/tsdig "@$address" -p "$port" www.bench.test A +short | grep -qx 192.0.2.1 || { echo "bench: NSD did not answer" >&2; exit 1; }

q="@$address -p $port"
# A V8 start-up snapshot of the bundle, timed beside the code cache (see bench/snapshot-entry.cjs).
node --snapshot-blob "$work/tsdig.snapshot" --build-snapshot bench/snapshot-entry.cjs 2>/dev/null
[ "$(node --snapshot-blob "$work/tsdig.snapshot" $q www.bench.test A +short)" = 192.0.2.1 ] ||
  { echo "bench: the start-up snapshot does not answer" >&2; exit 1; }
echo "== one query ($rounds interleaved rounds)" >&2
node bench/interleave.mjs "$rounds" 3 \
  "tsdig=node bin/tsdig $q www.bench.test A" \
  "tsdig from a start-up snapshot=node --snapshot-blob $work/tsdig.snapshot $q www.bench.test A" \
  "tsdig --version=node bin/tsdig --version" \
  "bundle loaded=node bench/bundle-load.cjs" \
  "floor=node bench/floor.mjs $address $port www.bench.test A" \
  "UDP floor=node bench/udp-floor.cjs $address $port www.bench.test" \
  "dig=dig $q www.bench.test A" \
  "kdig=kdig $q www.bench.test A" \
  "node -e 0=node -e 0" > "$work/single.json"
echo "== where a plain query's start-up goes ($rounds runs)" >&2
node bench/startup.mjs "$rounds" $q www.bench.test A > "$work/startup.json"

echo "== batch of $names queries ($batch_rounds interleaved rounds)" >&2
# Correctness first: every query answered, in input order.
node bin/tsdig $q -f "$work/queries.txt" +short > "$work/batch-short.txt"
awk -v n="$names" 'BEGIN { for (i = 1; i <= n; i++) printf "192.0.2.%d\n", i % 250 + 1 }' > "$work/expected-short.txt"
cmp -s "$work/expected-short.txt" "$work/batch-short.txt" || { echo "bench: tsdig -f answers differ from the zone" >&2; exit 1; }
node bin/tsdig -f "$work/queries-lines.txt" +short > "$work/batch-lines-short.txt"
cmp -s "$work/expected-short.txt" "$work/batch-lines-short.txt" \
  || { echo "bench: tsdig -f with per-line options: answers differ from the zone" >&2; exit 1; }
node bin/tsdig $q -f "$work/queries.txt" +short +tcp +keepopen > "$work/batch-tcp-short.txt"
cmp -s "$work/expected-short.txt" "$work/batch-tcp-short.txt" \
  || { echo "bench: tsdig -f +tcp +keepopen: answers differ from the zone" >&2; exit 1; }
# dnsperf must have had every query answered, or its time says nothing.
dnsperf -s "$address" -p "$port" -d "$work/queries.txt" -n 1 > "$work/dnsperf.txt" 2>&1
grep -qE "Queries completed:[[:space:]]+$names " "$work/dnsperf.txt" \
  || { echo "bench: dnsperf did not have all $names queries answered:" >&2; cat "$work/dnsperf.txt" >&2; exit 1; }
dnsperf -m tcp -s "$address" -p "$port" -d "$work/queries.txt" -n 1 > "$work/dnsperf-tcp.txt" 2>&1
grep -qE "Queries completed:[[:space:]]+$names " "$work/dnsperf-tcp.txt" \
  || { echo "bench: dnsperf -m tcp did not have all $names queries answered:" >&2; cat "$work/dnsperf-tcp.txt" >&2; exit 1; }
node bench/interleave.mjs "$batch_rounds" 1 \
  "tsdig -f=node bin/tsdig $q -f $work/queries.txt" \
  "dig -f=dig $q -f $work/queries.txt" \
  "tsdig -f +short=node bin/tsdig $q -f $work/queries.txt +short" \
  "tsdig -f (2k)=node bin/tsdig $q -f $work/queries-2k.txt" \
  "tsdig -f +norec=node bin/tsdig $q +norec -f $work/queries.txt" \
  "tsdig -f per-line=node bin/tsdig -f $work/queries-lines.txt" \
  "dig -f per-line=dig -f $work/queries-lines.txt" \
  "Node dgram floor=node bench/batch-floor.mjs $address $port $work/queries.txt 64" \
  "dnsperf=dnsperf -s $address -p $port -d $work/queries.txt -n 1" \
  "tsdig -f +short +tcp +keepopen=node bin/tsdig $q -f $work/queries.txt +short +tcp +keepopen" \
  "dig -f +tcp +keepopen=dig $q -f $work/queries.txt +tcp +keepopen" \
  "dnsperf -m tcp=dnsperf -m tcp -s $address -p $port -d $work/queries.txt -n 1" > "$work/batch.json"

echo "== where the time of tsdig -f +short goes (one profiled run)" >&2
node bench/breakdown.mjs "$work" "$names" $q -f "$work/queries.txt" +short > "$work/breakdown.json"

echo "== batch memory: 2,000, $names and 10 x $names queries" >&2
for _ in $(seq 10); do cat "$work/queries.txt"; done > "$work/queries-10x.txt"
node bench/memory.mjs 3 "$q" "$work/queries-2k.txt" "$work/queries.txt" "$work/queries-10x.txt" > "$work/memory.json"

echo "== +trace through the test hierarchy" >&2
# dig 9.18 +trace takes only the root's NS from @server and looks up the address of every name server
# after that with getaddrinfo (/etc/hosts, then the resolver in /etc/resolv.conf on port 53), not
# from glue. So dig +trace runs only inside a private mount namespace (unshare -m, which needs root)
# where /etc/resolv.conf names a loopback Unbound of this script, whose only root is the hierarchy's.
# The hierarchy then listens on port 53: Unbound follows the referrals it gets to port 53 (it has no
# setting for another port except one stub zone per zone cut), and dig and tsdig meet the same servers
# Unbound does. Without root, or where unshare -m is refused, the hierarchy takes a free port and
# only tsdig +trace is timed.
dig_note=
if [ "$(id -u)" -ne 0 ]; then
  dig_note="not run: the bench runs as user $(id -u), not root (needed for unshare -m and a resolver on port 53)"
elif ! unshare -m true 2>/dev/null; then
  dig_note="not run: unshare -m is not permitted here (no private mount namespace for its resolv.conf)"
elif ! command -v unbound >/dev/null; then
  dig_note="not run: unbound is missing (apt-get install unbound)"
fi

# start_hierarchy PORT: serves the hierarchy on PORT (0: a free one); fails if it could not start.
start_hierarchy() {
  rm -f "$work/hierarchy"
  node bench/hierarchy.mjs "$work/hierarchy" "$1" 2> "$work/hierarchy.log" &
  hierarchy_pid=$!
  for _ in $(seq 100); do
    [ -s "$work/hierarchy" ] && return 0
    kill -0 "$hierarchy_pid" 2>/dev/null || break
    sleep 0.1
  done
  wait "$hierarchy_pid" 2>/dev/null || true
  hierarchy_pid=
  return 1
}
if [ -z "$dig_note" ] && ! start_hierarchy 53; then
  dig_note="not run: port 53 of the hierarchy's loopback addresses is taken ($(grep -m1 -oE 'EADDRINUSE.*' "$work/hierarchy.log" || head -c 200 "$work/hierarchy.log"))"
fi
if [ -n "$dig_note" ]; then
  [ -n "$hierarchy_pid" ] || start_hierarchy 0 || { echo "bench: the test hierarchy did not start: $(cat "$work/hierarchy.log")" >&2; exit 1; }
  echo "bench: dig +trace $dig_note; timing tsdig +trace only" >&2
fi
read -r hport root silent example_a silent_a < "$work/hierarchy"

tsdig_trace="node bin/tsdig +trace -p $hport @$root"
dig_trace="dig +trace -p $hport @$root"
# Runs in whose output the silent server's address appears are the ones that asked it (tsdig reports
# its hedge, dig its timeouts); interleave.mjs reports those apart.
met="$silent#$hport"
if [ -z "$dig_note" ]; then
  bash bench/resolver.sh "$work/resolver" "$resolver" "$root"
  unbound -d -c "$work/resolver/unbound.conf" > "$work/unbound.log" 2>&1 &
  unbound_pid=$!
  for _ in $(seq 50); do
    [ "$(kdig +short +timeout=1 "@$resolver" a.root-servers.test. A 2>/dev/null)" = "$root" ] && break
    sleep 0.1
  done
  [ "$(kdig +short +timeout=1 "@$resolver" a.root-servers.test. A 2>/dev/null)" = "$root" ] \
    || { echo "bench: the loopback resolver does not resolve the hierarchy: $(cat "$work/unbound.log")" >&2; exit 1; }
  in_namespace() { unshare -m bash bench/namespace.sh "$work/resolver" "$@"; }

  # Prove once that dig +trace, in the namespace, walks to the answers (and fill Unbound's cache, as a
  # system resolver's would be); stop here if it does not.
  for case in "example.test. $example_a" "www.silent.test. $silent_a"; do
    read -r name answer <<< "$case"
    in_namespace $dig_trace "$name" A > "$work/proof-dig-$name.txt" 2>&1 || true
    grep -qE "^${name//./\\.}[[:space:]]+[0-9]+[[:space:]]+IN[[:space:]]+A[[:space:]]+${answer//./\\.}\$" "$work/proof-dig-$name.txt" \
      || { echo "bench: dig +trace in the namespace did not reach $name A $answer:" >&2; cat "$work/proof-dig-$name.txt" >&2; exit 1; }
  done
  echo "dig +trace proof: reached $example_a and $silent_a through the namespace's resolver" >> "$work/load"

  in_namespace node bench/interleave.mjs "$trace_rounds-$trace_max_rounds" 0 \
    "tsdig example=$tsdig_trace example.test. A" \
    "dig example=$dig_trace example.test. A" \
    "tsdig silent~$met=$tsdig_trace www.silent.test. A" \
    "dig silent~$met=$dig_trace www.silent.test. A" > "$work/trace.json"
  # Unbound logs a failed send (e.g. the kernel refusing a packet for another host) at verbosity 1.
  if grep -iE 'error|failed' "$work/unbound.log" >&2; then echo "bench: the loopback resolver reported errors (above)" >&2; exit 1; fi
else
  echo "dig +trace $dig_note" > "$work/trace-note"
  node bench/interleave.mjs "$trace_rounds-$trace_max_rounds" 0 \
    "tsdig example=$tsdig_trace example.test. A" \
    "tsdig silent~$met=$tsdig_trace www.silent.test. A" > "$work/trace.json"
fi
echo "silent server: $silent" >> "$work/load"

echo "== traces at scale: $((scale_zones * scale_per_zone)) names over $scale_zones zones below two TLDs" >&2
# An in-process hierarchy (bench/scale.mjs: root, alpha., beta., and every zone on one authoritative
# server) on a free port; the same names are traced from its root and asked of that server directly.
node bench/scale.mjs "$work" "$scale_zones" "$scale_per_zone" 0 2> "$work/scale.log" &
scale_pid=$!
for _ in $(seq 100); do [ -s "$work/scale" ] && break; kill -0 "$scale_pid" 2>/dev/null || break; sleep 0.1; done
[ -s "$work/scale" ] || { echo "bench: the scale hierarchy did not start: $(cat "$work/scale.log")" >&2; exit 1; }
read -r sport sroot sleaf < "$work/scale"
# Correctness first: every trace reaches its name's answer, in input order, as the plain queries do.
node bin/tsdig +trace "@$sroot" -p "$sport" -f "$work/scale-names.txt" +short \
  | sed -n 's/^A \([^ ]*\) from server '"${sleaf//./\\.}"' in .*$/\1/p' > "$work/scale-trace-short.txt"
cmp -s "$work/scale-expected.txt" "$work/scale-trace-short.txt" || { echo "bench: tsdig -f +trace answers differ from the zones" >&2; exit 1; }
node bin/tsdig "@$sleaf" -p "$sport" -f "$work/scale-names.txt" +short > "$work/scale-plain-short.txt"
cmp -s "$work/scale-expected.txt" "$work/scale-plain-short.txt" || { echo "bench: tsdig -f answers differ from the zones" >&2; exit 1; }
node bench/interleave.mjs "$scale_rounds" 0 \
  "tsdig -f +trace=node bin/tsdig +trace @$sroot -p $sport -f $work/scale-names.txt" \
  "tsdig -f +short +trace=node bin/tsdig +trace @$sroot -p $sport -f $work/scale-names.txt +short" \
  "tsdig -f=node bin/tsdig @$sleaf -p $sport -f $work/scale-names.txt" \
  "tsdig -f +short=node bin/tsdig @$sleaf -p $sport -f $work/scale-names.txt +short" > "$work/scale.json"
kill "$scale_pid" 2>/dev/null || true
wait "$scale_pid" 2>/dev/null || true
scale_pid=

echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$work/load"
node bench/summary.mjs "$work" "$names" bench/RESULTS.md
