#!/usr/bin/env bash
# npm run bench: starts NSD on loopback with a generated zone and tsdig's test hierarchy, then times
# (interleaved rounds, medians) a plain query with tsdig, dig, kdig and the bare Node floor; a batch
# file with tsdig -f and dig -f; and +trace through the hierarchy with and without a silent server.
# Prints a summary and writes bench/RESULTS.md. Every packet stays on loopback; servers stop by pid.
# Knobs: BENCH_ROUNDS (single queries, default 30), BENCH_BATCH_ROUNDS (default 5), BENCH_QUERIES (default 20000).
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=${BENCH_ROUNDS:-30}
batch_rounds=${BENCH_BATCH_ROUNDS:-5}
names=${BENCH_QUERIES:-20000}
address=127.77.0.1
work=$(mktemp -d "${TMPDIR:-/tmp}/tsdig-bench.XXXXXX")
hierarchy_pid=

cleanup() {
  if [ -s "$work/nsd.pid" ]; then
    nsd_pid=$(cat "$work/nsd.pid")
    kill "$nsd_pid" 2>/dev/null || true
    # NSD is not our child (it daemonizes) and writes its state files on the way out: wait for it to go.
    for _ in $(seq 50); do kill -0 "$nsd_pid" 2>/dev/null || break; sleep 0.1; done
  fi
  [ -n "$hierarchy_pid" ] && kill "$hierarchy_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

for tool in nsd dig kdig /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing (apt-get install nsd bind9-dnsutils knot-dnsutils time)" >&2; exit 1; }
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
echo "== one query ($rounds interleaved rounds)" >&2
node bench/interleave.mjs "$rounds" 3 \
  "tsdig=node bin/tsdig $q www.bench.test A" \
  "floor=node bench/floor.mjs $address $port www.bench.test A" \
  "dig=dig $q www.bench.test A" \
  "kdig=kdig $q www.bench.test A" \
  "node -e 0=node -e 0" > "$work/single.json"

echo "== batch of $names queries ($batch_rounds interleaved rounds)" >&2
# Correctness first: every query answered, in input order.
node bin/tsdig $q -f "$work/queries.txt" +short > "$work/batch-short.txt"
awk -v n="$names" 'BEGIN { for (i = 1; i <= n; i++) printf "192.0.2.%d\n", i % 250 + 1 }' | cmp -s - "$work/batch-short.txt" \
  || { echo "bench: tsdig -f answers differ from the zone" >&2; exit 1; }
node bench/interleave.mjs "$batch_rounds" 1 \
  "tsdig -f=node bin/tsdig $q -f $work/queries.txt" \
  "dig -f=dig $q -f $work/queries.txt" \
  "tsdig -f +short=node bin/tsdig $q -f $work/queries.txt +short" \
  "tsdig -f (2k)=node bin/tsdig $q -f $work/queries-2k.txt" > "$work/batch.json"

echo "== +trace through the test hierarchy" >&2
node bench/hierarchy.mjs "$work/hierarchy" &
hierarchy_pid=$!
for _ in $(seq 100); do [ -s "$work/hierarchy" ] && break; sleep 0.1; done
read -r hport root silent < "$work/hierarchy"
node bench/interleave.mjs 5 1 \
  "trace=node bin/tsdig +trace -p $hport @$root example.test. A" \
  "trace, silent server=node bin/tsdig +trace -p $hport @$root www.silent.test. A" > "$work/trace.json"
echo "silent server: $silent" >> "$work/load"

echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$work/load"
node bench/summary.mjs "$work" "$names" bench/RESULTS.md
