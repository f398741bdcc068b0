#!/usr/bin/env bash
# Runs every test: domain, services, components (bunit), the app over HTTP and SignalR (services, API
# and races on SQLite and on PostgreSQL), and the real-browser tests in Debian's Chromium (Chromium
# PostgreSQL and cmark-gfm are installed here when missing; needs root or sudo).
set -euo pipefail
cd "$(dirname "$0")"

# Chromium for the browser tests; cmark-gfm renders report.md as GitHub does, to prove no answer becomes a link.
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/cmark-gfm ]; then
    echo "Installing Debian's Chromium and cmark-gfm for the tests..."
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-dejavu-core cmark-gfm >/dev/null
fi

# Redis for the scale-out tests (tests that stop Redis start their own redis-server instead).
scripts/redis.sh start
trap 'scripts/redis.sh stop' EXIT
export SESSIONS_TEST_REDIS="${SESSIONS_TEST_REDIS:-127.0.0.1:${SESSIONS_REDIS_PORT:-56379}}"

rm -rf TestResults
# The PostgreSQL variants of the services, API and race tests need a server: start a throw-away one
# unless SESSIONS_TEST_POSTGRES already names one.
if [ -z "${SESSIONS_TEST_POSTGRES:-}" ]; then
    SESSIONS_TEST_POSTGRES="$(scripts/postgres.sh start)"
    export SESSIONS_TEST_POSTGRES
    # One EXIT trap for both: this one replaces the Redis trap above.
    trap 'scripts/postgres.sh stop; scripts/redis.sh stop' EXIT
fi
# Every server is there: a test that lacks one fails rather than being skipped (see Sessions.Tests/Support/NeedsServers.cs).
export SESSIONS_TEST_REQUIRE_SERVERS=1
export SESSIONS_SCREENSHOTS="${SESSIONS_SCREENSHOTS:-$PWD/TestResults/screenshots}"
dotnet test Sessions.sln --logger "trx" --logger "console;verbosity=normal" --results-directory TestResults "$@"
