#!/usr/bin/env bash
# Set up ryhti on a fresh Debian/Ubuntu machine: system packages, a virtual
# environment in .venv, and the package with its development tools.
# Runs as root or as a user with sudo. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

# libvoikko1 + voikko-fi: Finnish morphology for the regulation-text extractor.
# postgresql + postgresql-postgis (the extension): the PostGIS reader's tests start a throwaway server.
# mapserver-bin (mapserv, run as CGI by the tests): the background-data tests gather through a
# real local WFS 2.0 server.
# qgis + python3-qgis + qgis-providers: the QGIS plugin's tests run it in headless QGIS
#   (qgis_process.bin, Processing, the OGR/GDAL providers); the toolkit itself does not need QGIS.
# chromium: the HTML reports' and the plan description's tests open them in headless Chromium.
APT_PACKAGES=(
  python3 python3-venv python3-pip
  libvoikko1 voikko-fi
  postgresql postgresql-postgis
  mapserver-bin
  qgis python3-qgis qgis-providers
  chromium
)
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[dev]'
echo "ryhti $(.venv/bin/ryhti --version | awk '{print $NF}') is set up in .venv"
