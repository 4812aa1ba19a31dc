#!/usr/bin/env bash
# Runs a command with DIR/resolv.conf, DIR/hosts and DIR/nsswitch.conf bind-mounted over the files
# in /etc, so that everything in it (dig +trace looks up name-server addresses with getaddrinfo)
# resolves names through the benchmark's own loopback resolver only. Must itself run in a private
# mount namespace: run.sh calls it as `unshare -m bash bench/namespace.sh DIR COMMAND...` (unshare
# makes the new namespace's mounts private, so the host never sees these bind mounts).
# Refuses to run the command unless /etc/resolv.conf then reads exactly DIR/resolv.conf.
set -euo pipefail
dir=$1
shift
[ "$(readlink /proc/self/ns/mnt)" != "$(readlink /proc/$PPID/ns/mnt)" ] || { echo "namespace.sh: not in a private mount namespace" >&2; exit 1; }
for file in resolv.conf hosts nsswitch.conf; do
  mount --bind "$dir/$file" "/etc/$file"
done
cmp -s "$dir/resolv.conf" /etc/resolv.conf || { echo "namespace.sh: /etc/resolv.conf is not the loopback one" >&2; exit 1; }
exec "$@"
