#!/usr/bin/env bash
# Installs the system packages the test suite uses, when missing and when this user may:
# bubblewrap isolates the local sandbox; chromium drives the Studio browser test.
set -euo pipefail
need=()
command -v bwrap >/dev/null 2>&1 || need+=(bubblewrap)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing ${need[*]} with apt-get" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
else
  echo "note: ${need[*]} missing and cannot be installed here (needs root and apt-get); the tests that need them will fail and say so" >&2
fi
