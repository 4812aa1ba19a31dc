#!/bin/sh
# Installs the shells the completion tests run (bash, zsh, fish), only what is missing. Idempotent
# and quiet: prints one line when it installs.
set -eu

missing=""
for shell in bash zsh fish; do
  command -v "$shell" >/dev/null 2>&1 || missing="$missing $shell"
done
[ -z "$missing" ] && exit 0

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "install-shells: installing$missing"
$sudo apt-get update -qq >/dev/null
# shellcheck disable=SC2086 # word splitting of the package list is intended
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
