#!/usr/bin/env bash
# A throw-away Redis for the tests and for trying two app servers on one machine:
#   scripts/redis.sh start   installs Debian's redis-server when missing, starts it on loopback
#   scripts/redis.sh stop    stops the one this script started
# It listens on 127.0.0.1:${SESSIONS_REDIS_PORT:-56379}, keeps nothing on disk (no RDB, no AOF)
# and has its own pid, log and working folder under ${SESSIONS_REDIS_DIR:-/tmp/sessions-redis-PORT},
# so it never touches a Redis the machine already runs.
set -euo pipefail

port="${SESSIONS_REDIS_PORT:-56379}"
dir="${SESSIONS_REDIS_DIR:-/tmp/sessions-redis-$port}"
pidfile="$dir/redis.pid"
logfile="$dir/redis.log"

install_redis() {
    if command -v redis-server >/dev/null 2>&1; then
        return
    fi
    echo "Installing Debian's redis-server..."
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends redis-server >/dev/null
    # Debian's package starts a system-wide Redis on 6379 where systemd runs; ours does not need it.
}

running() {
    [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null
}

start() {
    install_redis
    if running; then
        echo "Redis is already running on 127.0.0.1:$port (pid $(cat "$pidfile"))."
        return
    fi
    mkdir -p "$dir"
    redis-server --bind 127.0.0.1 --port "$port" --daemonize yes \
        --pidfile "$pidfile" --logfile "$logfile" --dir "$dir" \
        --save "" --appendonly no --protected-mode yes
    for _ in $(seq 1 50); do
        if redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null | grep -q PONG; then
            echo "Redis is running on 127.0.0.1:$port (pid $(cat "$pidfile"), log $logfile)."
            return
        fi
        sleep 0.1
    done
    echo "Redis did not answer on 127.0.0.1:$port; see $logfile" >&2
    exit 1
}

stop() {
    if ! running; then
        echo "No Redis of this script is running on port $port."
        rm -f "$pidfile"
        return
    fi
    local pid
    pid="$(cat "$pidfile")"
    kill "$pid"
    for _ in $(seq 1 50); do
        kill -0 "$pid" 2>/dev/null || { echo "Redis on port $port stopped."; rm -f "$pidfile"; return; }
        sleep 0.1
    done
    echo "Redis (pid $pid) did not stop within 5 seconds." >&2
    exit 1
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
