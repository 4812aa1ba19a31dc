#!/bin/sh
# Installs Debian's Chromium for the HTML report tests (driven by playwright-core, which downloads no
# browser of its own) and Liberation Sans, whose widths match the Helvetica metrics Graphviz lays
# text out with. Only what is missing; idempotent and quiet: prints one line when it installs.
set -eu

missing=""
[ -x /usr/bin/chromium ] || missing="$missing chromium"
[ -e /usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf ] || missing="$missing fonts-liberation"
[ -z "$missing" ] && exit 0

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"

echo "install-chromium: installing$missing"
$sudo apt-get update -qq >/dev/null
# shellcheck disable=SC2086 # word splitting of the package list is intended
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
