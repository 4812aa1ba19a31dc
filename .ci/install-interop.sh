#!/bin/sh
# Installs the DNS software the interop suite runs against (BIND, NSD, Knot, Unbound, dig, the
# DNSSEC tools) and dnsperf (the bench's load generator), only what is missing. Idempotent and
# quiet: prints one line when it installs.
# The packages' own services are kept from starting during installation: the suite starts its own
# servers on loopback, and a system Unbound would query the real root servers.
set -eu

missing=""
need() { # need PROGRAM PACKAGE
  for dir in /usr/sbin /usr/bin /sbin /bin /usr/local/sbin /usr/local/bin; do
    [ -x "$dir/$1" ] && return 0
  done
  case " $missing " in *" $2 "*) ;; *) missing="$missing $2" ;; esac
}

need named bind9
need dnssec-keygen bind9-utils
need dnssec-signzone bind9-utils
need dnssec-dsfromkey bind9-utils
need dig bind9-dnsutils
need nsd nsd
need knotd knot
need kdig knot-dnsutils
need unbound unbound
need dnsperf dnsperf

[ -z "$missing" ] && exit 0

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"

# policy-rc.d answering 101 forbids service starts from maintainer scripts; remove it afterwards
# unless it was there before.
policy=/usr/sbin/policy-rc.d
own_policy=""
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null
  $sudo chmod 755 "$policy"
  own_policy=1
fi
cleanup() { [ -n "$own_policy" ] && $sudo rm -f "$policy"; return 0; }
trap cleanup EXIT

echo "install-interop: installing$missing"
$sudo apt-get update -qq >/dev/null
# shellcheck disable=SC2086 # word splitting of the package list is intended
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
