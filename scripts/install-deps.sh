#!/usr/bin/env bash
# Installs what the tests need beyond the .NET SDK: a RabbitMQ server (started per test run, never as a service).
# As root on Debian/Ubuntu it installs with apt; elsewhere it says exactly what to install.
set -euo pipefail
missing=()
[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || missing+=(rabbitmq-server)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get > /dev/null; then
  echo "installing ${missing[*]} with apt-get" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # policy-rc.d keeps the package from starting a system-wide broker: the tests start their own.
  created=
  if [ ! -e /usr/sbin/policy-rc.d ]; then printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; created=1; fi
  apt-get install -y -qq "${missing[@]}" > /dev/null
  [ -z "$created" ] || rm -f /usr/sbin/policy-rc.d
  exit 0
fi

echo "missing: ${missing[*]}. Install it as root, e.g.: sudo apt-get install -y ${missing[*]}" >&2
exit 3
