#!/usr/bin/env bash
# Starts or stops a throw-away PostgreSQL cluster in a folder of its own, on the given port, trusting local logins.
# PostgreSQL refuses to run as root, so as root it runs as the `postgres` user.
#   scripts/postgres.sh start <dir> <port>   (creates database "newspipeline"; ready when it returns)
#   scripts/postgres.sh stop  <dir>
#   scripts/postgres.sh resume <dir>         (starts a stopped cluster again, same data and port: outage tests)
set -euo pipefail
cmd=${1:?start or stop}
dir=$(mkdir -p "${2:?folder}" && cd "$2" && pwd)
bin=$(ls -d /usr/lib/postgresql/*/bin 2> /dev/null | sort -V | tail -1)
[ -n "$bin" ] && [ -x "$bin/initdb" ] || { echo "PostgreSQL is not installed: apt-get install -y postgresql (scripts/install-deps.sh)" >&2; exit 3; }
as() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "$cmd" in
  start)
    port=${3:?port}
    [ "$(id -u)" -ne 0 ] || chown postgres "$dir"
    as "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 > "$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    as "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start > /dev/null \
      || { tail -20 "$dir/server.log" >&2; exit 1; }
    as "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres newspipeline
    echo "$port" > "$dir/port"
    ;;
  stop)
    [ -d "$dir/data" ] && as "$bin/pg_ctl" -D "$dir/data" -m fast -w stop > /dev/null 2>&1 || true
    ;;
  resume)
    port=$(cat "$dir/port")
    as "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start > /dev/null \
      || { tail -20 "$dir/server.log" >&2; exit 1; }
    ;;
  *) echo "usage: $0 start|stop|resume <dir> [port]" >&2; exit 2 ;;
esac
