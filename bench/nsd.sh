#!/usr/bin/env bash
# Writes the benchmark zone, the query files and an nsd.conf into DIR, then starts NSD there
# (loopback only, no privilege drop, no control socket). Prints nothing; NSD's pid is DIR/nsd.pid.
# Usage: bench/nsd.sh DIR ADDRESS PORT NAMES
set -euo pipefail
dir=$1 address=$2 port=$3 names=$4

awk -v n="$names" 'BEGIN {
  print "$ORIGIN bench.test."
  print "$TTL 300"
  print "@ IN SOA ns1 hostmaster 1 3600 900 604800 300"
  print "@ IN NS ns1"
  print "ns1 IN A 127.0.0.1"
  print "www IN A 192.0.2.1"
  for (i = 1; i <= n; i++) printf "h%d IN A 192.0.2.%d\n", i, i % 250 + 1
}' > "$dir/bench.test.zone"
# One query a line, as dig -f reads them; the first 2,000 lines are the small batch for the memory check.
awk -v n="$names" 'BEGIN { for (i = 1; i <= n; i++) printf "h%d.bench.test A\n", i }' > "$dir/queries.txt"
head -n 2000 "$dir/queries.txt" > "$dir/queries-2k.txt"
# The same queries as dig -f files are usually written: each line names its server and options.
awk -v n="$names" -v a="$address" -v p="$port" \
  'BEGIN { for (i = 1; i <= n; i++) printf "@%s -p %s +norec h%d.bench.test A\n", a, p, i }' > "$dir/queries-lines.txt"

cat > "$dir/nsd.conf" <<CONF
server:
    ip-address: $address
    port: $port
    do-ip6: no
    server-count: 1
    username: ""
    chroot: ""
    zonesdir: "$dir"
    database: ""
    zonelistfile: "$dir/zone.list"
    xfrdfile: "$dir/xfrd.state"
    xfrdir: "$dir"
    pidfile: "$dir/nsd.pid"
    logfile: "$dir/nsd.log"
    verbosity: 0
remote-control:
    control-enable: no
zone:
    name: "bench.test."
    zonefile: "$dir/bench.test.zone"
CONF
nsd -c "$dir/nsd.conf"
