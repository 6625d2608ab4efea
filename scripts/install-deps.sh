#!/usr/bin/env bash
# Installs what the tests need beyond the .NET SDK: RabbitMQ and PostgreSQL servers (started per test run in a temp
# folder, never as system services) and Debian's chromium (the dashboard's browser test drives it through Playwright).
# As root on Debian/Ubuntu it installs with apt; elsewhere it says exactly what to install.
set -euo pipefail
missing=()
[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || missing+=(rabbitmq-server)
ls /usr/lib/postgresql/*/bin/initdb > /dev/null 2>&1 || missing+=(postgresql)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get > /dev/null; then
  echo "installing ${missing[*]} with apt-get" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # policy-rc.d keeps the packages from starting system-wide servers: the tests start their own.
  created=
  if [ ! -e /usr/sbin/policy-rc.d ]; then printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; created=1; fi
  apt-get install -y -qq "${missing[@]}" > /dev/null
  [ -z "$created" ] || rm -f /usr/sbin/policy-rc.d
  exit 0
fi

echo "missing: ${missing[*]}. Install it as root, e.g.: sudo apt-get install -y ${missing[*]}" >&2
exit 3
