#!/usr/bin/env bash
# Install everything the test suite needs on a fresh Debian machine:
# Debian packages for the example checks and browser tests, then the
# locked npm dependencies. Safe to run again.
set -euo pipefail

DEBIAN_PACKAGES=(
  shellcheck        # lints shell scripts in examples/
  python3-pyflakes  # lints Python in examples/ (pyflakes3)
  python3-yaml      # the hook harness parses charm YAML with Debian's python3
  chromium          # headless browser for screenshots and browser tests
)

missing=()
for pkg in "${DEBIAN_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  sudo_cmd=()
  [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
  echo "Installing Debian packages: ${missing[*]}"
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}"
fi

cd "$(dirname "$0")/.."
npm ci --no-audit --no-fund
