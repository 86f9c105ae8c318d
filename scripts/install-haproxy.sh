#!/usr/bin/env bash
# Installs HAProxy (Debian's haproxy package, /usr/sbin/haproxy) for the rolling-restart test and the cluster
# benchmark (test/rolling-restart.int.test.ts, bench/cluster.ts), when it is absent. The tests start their own
# haproxy processes in the foreground; the package's own service is neither needed nor started here (CI has no
# systemd; on a host with one, `systemctl disable --now haproxy` if it is not wanted).
set -euo pipefail
if [ -x /usr/sbin/haproxy ]; then
  /usr/sbin/haproxy -v | head -1
  exit 0
fi
echo "/usr/sbin/haproxy is absent: installing Debian's haproxy package"
# policy-rc.d exit 101: the package's maintainer scripts must not start the service during the install.
policy=/usr/sbin/policy-rc.d
created_policy=
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' >"$policy"
  chmod +x "$policy"
  created_policy=1
fi
trap 'if [ -n "$created_policy" ]; then rm -f "$policy"; fi' EXIT
apt-get update >/dev/null
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends haproxy
/usr/sbin/haproxy -v | head -1
