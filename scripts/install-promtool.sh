#!/usr/bin/env bash
# Puts promtool (from Debian's prometheus package) at .tmp/promtool/usr/bin/promtool for the metrics test
# (src/platform/observability/metrics.int.test.ts). Only the package's files are unpacked: installing the
# package would also set up and start a Prometheus server.
set -euo pipefail
cd "$(dirname "$0")/.."
target=.tmp/promtool
if [ -x "$target/usr/bin/promtool" ]; then
  "$target/usr/bin/promtool" --version 2>&1 | head -1
  exit 0
fi
mkdir -p "$target"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
( cd "$work" && apt-get download prometheus >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get download prometheus; } )
dpkg-deb -x "$work"/prometheus_*.deb "$work/root"
mkdir -p "$target/usr/bin"
cp "$work/root/usr/bin/promtool" "$target/usr/bin/promtool"
"$target/usr/bin/promtool" --version 2>&1 | head -1
