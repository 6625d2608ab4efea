#!/usr/bin/env bash
# Starts or stops a throw-away RabbitMQ node in a folder of its own, on the given ports.
# Runs the server script directly (not the /usr/sbin wrapper, which switches user and drops the environment).
#   scripts/rabbitmq.sh start <dir> <amqp-port>   (prints nothing on success; the node is up when it returns)
#   scripts/rabbitmq.sh stop  <dir>
#   scripts/rabbitmq.sh vhost <dir> <name>
#   scripts/rabbitmq.sh queues <dir> <vhost>   (name, ready, unacknowledged per queue)
#   scripts/rabbitmq.sh consumers <dir> <vhost>   (name, messages, consumers per queue)
set -euo pipefail
bin=/usr/lib/rabbitmq/bin
cmd=${1:?start or stop}
dir=$(mkdir -p "${2:?folder}" && cd "$2" && pwd)
node="np$(echo "$dir" | cksum | cut -d' ' -f1)@localhost"
export HOME="$dir" RABBITMQ_NODENAME="$node" RABBITMQ_MNESIA_BASE="$dir/mnesia" RABBITMQ_LOG_BASE="$dir/log" \
       RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins" RABBITMQ_CONFIG_FILE="$dir/rabbitmq" \
       RABBITMQ_CONF_ENV_FILE="$dir/rabbitmq-env.conf" RABBITMQ_ADVANCED_CONFIG_FILE="$dir/advanced.config"
case "$cmd" in
  start)
    port=${3:?amqp port}
    [ "$port" -le 45535 ] || { echo "AMQP port $port too high: the Erlang distribution port is AMQP + 20000" >&2; exit 2; }
    [ -x "$bin/rabbitmq-server" ] || { echo "rabbitmq-server is not installed: apt-get install -y rabbitmq-server (scripts/install-deps.sh)" >&2; exit 3; }
    export RABBITMQ_NODE_PORT="$port" RABBITMQ_DIST_PORT=$((port + 20000))
    mkdir -p "$dir/mnesia" "$dir/log"
    echo "[]." > "$dir/enabled_plugins"
    : > "$dir/rabbitmq-env.conf"
    printf 'listeners.tcp.1 = 127.0.0.1:%s\nloopback_users = none\n' "$port" > "$dir/rabbitmq.conf"
    # From its own folder, so a crash dump never lands in the caller's working directory.
    (cd "$dir" && exec nohup "$bin/rabbitmq-server" > "$dir/server.out" 2>&1) &
    echo $! > "$dir/server.pid"
    up=
    for _ in $(seq 1 120); do
      kill -0 "$(cat "$dir/server.pid")" 2>/dev/null || break
      if "$bin/rabbitmqctl" -n "$node" await_startup --timeout 60 > "$dir/await.out" 2>&1; then up=1; break; fi
      sleep 0.5
    done
    if [ -z "$up" ]; then
      echo "RabbitMQ did not start; see $dir/server.out and $dir/log" >&2
      tail -20 "$dir/server.out" >&2
      exit 1
    fi
    ;;
  stop)
    "$bin/rabbitmqctl" -n "$node" shutdown > /dev/null 2>&1 || kill "$(cat "$dir/server.pid" 2>/dev/null)" 2>/dev/null || true
    ;;
  vhost)
    # A fresh virtual host per test class, so queues left by one test never feed another.
    name=${3:?vhost name}
    "$bin/rabbitmqctl" -n "$node" add_vhost "$name" > /dev/null
    "$bin/rabbitmqctl" -n "$node" set_permissions -p "$name" guest ".*" ".*" ".*" > /dev/null
    ;;
  queues)
    # name, ready, unacknowledged: where messages wait shows which stage is the bottleneck.
    "$bin/rabbitmqctl" -n "$node" list_queues -q --no-table-headers -p "${3:?vhost name}" name messages_ready messages_unacknowledged
    ;;
  consumers)
    # name, messages, consumers: whether a subscriber's queue is bound and consumed, what waits in the error queues.
    "$bin/rabbitmqctl" -n "$node" list_queues -q --no-table-headers -p "${3:?vhost name}" name messages consumers
    ;;
  *) echo "usage: $0 start|stop|vhost|queues|consumers <dir> [port|name]" >&2; exit 2 ;;
esac
