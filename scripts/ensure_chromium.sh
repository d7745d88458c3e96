#!/usr/bin/env bash
# Headless Chromium for the browser tests, from Debian's package (a browser download fails on
# machines without general internet access). Installs it when missing and this runs as root.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "the browser tests need Debian's chromium: sudo apt-get install chromium" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -q --no-install-recommends chromium >/dev/null 2>&1 || {
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends chromium >/dev/null
}
command -v chromium >/dev/null
