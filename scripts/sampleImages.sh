#!/usr/bin/env bash
# Real photographs of people for the detection quality harness (tests/helpers/sampleFaces.ts):
# Debian's python3-skimage package, downloaded (not installed: no dependencies) and unpacked.
# Usage: scripts/sampleImages.sh [DIR]  (default /tmp/custodian-sample-images); prints the data folder.
set -euo pipefail
dir="${1:-/tmp/custodian-sample-images}"
data="$dir/usr/lib/python3/dist-packages/skimage/data"
if [ ! -f "$data/astronaut.png" ] || [ ! -f "$data/camera.png" ]; then
  mkdir -p "$dir"
  work="$(mktemp -d)"
  (cd "$work" && apt-get download -qq python3-skimage >/dev/null 2>&1 || { apt-get update -qq && apt-get download -qq python3-skimage; })
  dpkg-deb -x "$work"/python3-skimage_*.deb "$dir"
  rm -rf "$work"
fi
echo "$data"
