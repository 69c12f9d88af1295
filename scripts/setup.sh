#!/usr/bin/env bash
# Installs what biomedica needs on Debian 12 with Swift 6.3: the C libraries it links (apt) and the
# Python tools its tests and benchmarks use as independent readers and peers (pip, into .venv).
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(pkg-config libxml2-dev libarchive-dev libzstd-dev libsqlite3-dev libvips-dev zlib1g-dev libfaiss-dev libopenblas-openmp-dev sqlite3 python3-venv time)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ "${1:-}" = "--with-python" ]; then
  if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
  fi
  .venv/bin/pip install -q --disable-pip-version-check -r Tests/python/requirements.txt
fi
