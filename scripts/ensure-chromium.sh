#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed (browser tests, screenshots). Idempotent and quiet when it is
# already there. Never downloads a browser from anywhere but Debian's package mirrors.
set -euo pipefail

if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: apt-get is not available; install Chromium and make 'chromium' available on PATH." >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "ensure-chromium: not root and no sudo; install the Debian package 'chromium' first." >&2
    exit 1
  fi
fi
echo "ensure-chromium: installing Debian's chromium package (first run only)…" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
command -v chromium >/dev/null
