#!/usr/bin/env bash
# Installs ClamAV's daemon (Debian's clamav-daemon package, /usr/sbin/clamd) for the attachment tests
# (test/clamd.ts), when it is absent. The tests start their own clamd in the foreground on a socket in a
# temporary folder, with a one-line EICAR signature database: the package's own service and freshclam are
# neither needed nor started here (signature downloads are not reachable in CI). Decision 0046.
set -euo pipefail
if [ -x /usr/sbin/clamd ]; then
  /usr/sbin/clamd --version
  exit 0
fi
echo "/usr/sbin/clamd is absent: installing Debian's clamav-daemon package"
# policy-rc.d exit 101: the package's maintainer scripts must not start clamd or freshclam during the install.
policy=/usr/sbin/policy-rc.d
created_policy=
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' >"$policy"
  chmod +x "$policy"
  created_policy=1
fi
trap 'if [ -n "$created_policy" ]; then rm -f "$policy"; fi' EXIT
apt-get update >/dev/null
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends clamav-daemon
/usr/sbin/clamd --version
