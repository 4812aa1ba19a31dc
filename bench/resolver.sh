#!/usr/bin/env bash
# Writes what dig +trace needs to resolve name-server addresses inside the benchmark, into DIR:
# unbound.conf for a recursive Unbound on RESOLVER:53 whose only root is ROOT:53 (the test
# hierarchy's), and resolv.conf (naming only that Unbound), hosts and nsswitch.conf (files, then
# DNS) for bench/namespace.sh to bind-mount over /etc. Prints nothing; run.sh starts Unbound.
# Usage: bench/resolver.sh DIR RESOLVER ROOT
set -euo pipefail
dir=$1 resolver=$2 root=$3
mkdir -p "$dir/unbound"

# The stub for "." replaces Unbound's compiled-in root servers (no root-hints file: Unbound would
# prime from it instead of the stub). Queries leave from the resolver's loopback address, so the
# kernel refuses any that would go to another host. No validator, no trust anchor: nothing to fetch.
# test. is a special-use name that Unbound answers NXDOMAIN for unless told otherwise.
cat > "$dir/unbound.conf" <<CONF
server:
    interface: $resolver@53
    outgoing-interface: $resolver
    interface-automatic: no
    do-ip4: yes
    do-ip6: no
    num-threads: 1
    do-daemonize: no
    username: ""
    chroot: ""
    directory: "$dir/unbound"
    pidfile: "$dir/unbound/unbound.pid"
    logfile: ""
    use-syslog: no
    verbosity: 1
    access-control: 127.0.0.0/8 allow
    do-not-query-localhost: no
    module-config: "iterator"
    trust-anchor-signaling: no
    root-key-sentinel: no
    prefetch: no
    qname-minimisation: no
    harden-referral-path: no
    local-zone: "test." nodefault
remote-control:
    control-enable: no
stub-zone:
    name: "."
    stub-addr: $root@53
CONF

printf '# tsdig benchmark: the loopback resolver only\nnameserver %s\n' "$resolver" > "$dir/resolv.conf"
printf '127.0.0.1 localhost\n::1 localhost\n' > "$dir/hosts"
printf '# tsdig benchmark: hosts from the files above, then the loopback resolver\nhosts: files dns\n' > "$dir/nsswitch.conf"
