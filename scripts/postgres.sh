#!/usr/bin/env bash
# A throw-away PostgreSQL server for the tests, in a folder of its own, on loopback only.
#
#   scripts/postgres.sh start   installs Debian's postgresql when missing, creates and starts the
#                               cluster (or finds it running), prints the base connection string
#   scripts/postgres.sh stop    stops it and deletes its folder
#
# The printed string has no database: the tests create one per test class and drop it afterwards,
# the role may CREATEDB. SESSIONS_POSTGRES_PORT (55432) and SESSIONS_POSTGRES_DIR
# (/tmp/sessions-postgres-PORT) choose another port and folder, for example for two checkouts at once.
# Never use this cluster for data you want to keep: it trades durability for speed (fsync=off).
set -euo pipefail

PORT="${SESSIONS_POSTGRES_PORT:-55432}"
DIR="${SESSIONS_POSTGRES_DIR:-/tmp/sessions-postgres-$PORT}"
ROLE=sessions
PASSWORD=sessions
DATA="$DIR/data"
LOG="$DIR/server.log"

connection_string() {
    echo "Host=127.0.0.1;Port=$PORT;Username=$ROLE;Password=$PASSWORD"
}

# PostgreSQL refuses to run as root: as root, run its programs as the postgres OS user.
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

find_bin() {
    local initdb
    initdb=$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 || true)
    [ -n "$initdb" ] && dirname "$initdb"
}

install_server() {
    echo "Installing Debian's postgresql for the tests..." >&2
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
}

start() {
    local bin
    bin=$(find_bin) || true
    if [ -z "$bin" ]; then
        install_server
        bin=$(find_bin) || { echo "postgres.sh: postgresql was installed but no initdb was found under /usr/lib/postgresql" >&2; exit 1; }
    fi

    if [ -f "$DATA/postmaster.pid" ] && as_owner "$bin/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
        connection_string
        return
    fi

    if [ ! -f "$DATA/PG_VERSION" ]; then
        rm -rf "$DIR"
        mkdir -p "$DATA"
        [ "$(id -u)" -eq 0 ] && chown -R postgres:postgres "$DIR"
        chmod 700 "$DIR"
        # The superuser connects only through the socket in the folder (trust); everything over TCP
        # gives a password.
        as_owner "$bin/initdb" -D "$DATA" -U postgres -E UTF8 --no-locale \
            --auth-local=trust --auth-host=scram-sha-256 >"$DIR/initdb.log" 2>&1 \
            || { cat "$DIR/initdb.log" >&2; exit 1; }
        cat >>"$DATA/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$DIR'
max_connections = 300
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
    fi

    if ! as_owner "$bin/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 start >/dev/null; then
        echo "postgres.sh: the server did not start (is port $PORT taken?); its log:" >&2
        cat "$LOG" >&2 || true
        exit 1
    fi
    as_owner "$bin/psql" -h "$DIR" -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA >/dev/null <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$ROLE') THEN
    CREATE ROLE $ROLE LOGIN CREATEDB PASSWORD '$PASSWORD';
  END IF;
END \$\$;
SQL
    connection_string
}

stop() {
    local bin
    bin=$(find_bin) || true
    if [ -n "$bin" ] && [ -f "$DATA/postmaster.pid" ]; then
        as_owner "$bin/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$DIR"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
