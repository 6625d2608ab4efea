#!/usr/bin/env bash
# Installs what the tests and scripts need beyond the .NET SDK: RabbitMQ and PostgreSQL servers (started per test run in a temp
# folder, never as system services) and Debian's chromium (the dashboard's browser test drives it through Playwright).
# As root on Debian/Ubuntu it installs with apt; elsewhere it says exactly what to install.
set -euo pipefail
missing=()
[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || missing+=(rabbitmq-server)
ls /usr/lib/postgresql/*/bin/initdb > /dev/null 2>&1 || missing+=(postgresql)
[ -x /usr/bin/chromium ] || missing+=(chromium) # the dashboard's browser test
# pgrep finds a RabbitMQ node's VM for the tests that kill it (tests/Shared/RabbitMqBroker.cs).
command -v pgrep > /dev/null || missing+=(procps)
# scripts/bench.sh and scripts/backlog-rss.sh: timing arithmetic, health and metrics requests, the SQLite store's counts.
for tool in bc curl sqlite3; do command -v "$tool" > /dev/null || missing+=("$tool"); done
command -v python3 > /dev/null || missing+=(python3)
# The example subscribers' tests: Debian's pika for examples/python, node + npm for examples/node.
/usr/bin/python3 -c 'import pika' > /dev/null 2>&1 || missing+=(python3-pika)
command -v node > /dev/null && command -v npm > /dev/null || missing+=(nodejs npm)
# examples/node's locked packages, installed here so that nothing downloads when the tests run.
node_packages() {
  [ -d "$(dirname "$0")/../examples/node/node_modules/amqplib" ] && return 0
  command -v npm > /dev/null || return 0
  (cd "$(dirname "$0")/../examples/node" && npm ci --no-audit --no-fund --loglevel=error > /dev/null)
}
[ ${#missing[@]} -eq 0 ] && { node_packages; exit $?; }

if [ "$(id -u)" -eq 0 ] && command -v apt-get > /dev/null; then
  echo "installing ${missing[*]} with apt-get" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # policy-rc.d keeps the packages from starting system-wide servers: the tests start their own.
  created=
  if [ ! -e /usr/sbin/policy-rc.d ]; then printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; created=1; fi
  apt-get install -y -qq "${missing[@]}" > /dev/null
  [ -z "$created" ] || rm -f /usr/sbin/policy-rc.d
  node_packages
  exit $?
fi

echo "missing: ${missing[*]}. Install it as root, e.g.: sudo apt-get install -y ${missing[*]}" >&2
exit 3
