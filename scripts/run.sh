#!/usr/bin/env bash
# Runs ReviewMeetings locally with demo data, against a private PostgreSQL cluster kept in .data/.
# Ctrl-C stops the app, then the cluster. Environment overrides:
#   PORT                    app port (default 5000)
#   PGPORT_REVIEWMEETINGS   PostgreSQL port (default 55432)
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/lib.sh
source "$REPO_ROOT/scripts/lib.sh"

APP_PORT="${PORT:-5000}"
PG_PORT="${PGPORT_REVIEWMEETINGS:-55432}"
DATABASE=reviewmeetings
APP_PID=""
STARTED_CLUSTER=0

# shellcheck disable=SC2119 # pdftotext is only needed by the tests
rm_ensure_prerequisites
rm_ensure_postgres_user
PG_BIN="$(rm_pg_bindir)"

DATA_DIR="$REPO_ROOT/.data"
mkdir -p "$DATA_DIR"
if rm_is_root && ! rm_as_postgres test -x "$DATA_DIR"; then
    # A checkout under /root is closed to the postgres user, so keep this checkout's cluster elsewhere.
    DATA_DIR="/var/lib/reviewmeetings/$(printf '%s' "$REPO_ROOT" | cksum | cut -d ' ' -f 1)"
    rm_log "the postgres user cannot reach $REPO_ROOT/.data; using $DATA_DIR instead"
    mkdir -p "$DATA_DIR"
    chmod 755 "$(dirname "$DATA_DIR")" "$DATA_DIR"
fi
PGDATA_DIR="$DATA_DIR/postgres"
SOCKET_DIR="$DATA_DIR/run"
PG_LOG="$DATA_DIR/postgres.log"
PID_FILE="$PGDATA_DIR/postmaster.pid"

cleanup() {
    local rc=$?
    trap - EXIT
    trap '' INT TERM HUP
    if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
        rm_log "stopping the app"
        kill -TERM "$APP_PID" 2>/dev/null || true
        wait "$APP_PID" 2>/dev/null || true
    fi
    if [ "$STARTED_CLUSTER" -eq 1 ]; then
        rm_log "stopping PostgreSQL"
        rm_as_postgres "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -m fast -w stop >/dev/null \
            || rm_log "pg_ctl stop failed; see $PG_LOG"
    fi
    exit "$rc"
}
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM
trap cleanup EXIT

init_cluster() {
    mkdir -p "$PGDATA_DIR" "$SOCKET_DIR"
    touch "$PG_LOG"
    chmod 700 "$PGDATA_DIR"
    if rm_is_root; then
        chown -R postgres:postgres "$PGDATA_DIR" "$SOCKET_DIR" "$PG_LOG"
    fi
    if [ -f "$PGDATA_DIR/PG_VERSION" ]; then
        return
    fi
    if [ -n "$(ls -A "$PGDATA_DIR")" ]; then
        rm_die "$PGDATA_DIR is not empty but holds no cluster; delete it and run again"
    fi
    local locale_args=(--no-locale)
    if locale -a 2>/dev/null | grep -qiE '^c\.utf-?8$'; then
        locale_args=(--locale=C.UTF-8)
    fi
    rm_log "creating PostgreSQL cluster in $PGDATA_DIR"
    rm_as_postgres "$PG_BIN/initdb" -D "$PGDATA_DIR" -U postgres --auth=trust -E UTF8 "${locale_args[@]}" >/dev/null
    rm_as_postgres tee -a "$PGDATA_DIR/postgresql.conf" >/dev/null <<<"include_if_exists = 'reviewmeetings.conf'"
}

# Rewritten on every start so that a changed port or a moved checkout takes effect.
write_cluster_settings() {
    local socket_dirs="${SOCKET_DIR//\'/\'\'}"
    # Unix socket paths are limited to 107 bytes; a deep checkout falls back to TCP only.
    if [ "$(printf '%s/.s.PGSQL.%s' "$SOCKET_DIR" "$PG_PORT" | wc -c)" -gt 100 ]; then
        socket_dirs=""
    fi
    rm_as_postgres tee "$PGDATA_DIR/reviewmeetings.conf" >/dev/null <<EOF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$socket_dirs'
EOF
}

# Returns 0 when the cluster is already running; clears the leftovers of a killed run otherwise.
cluster_running() {
    [ -f "$PID_FILE" ] || return 1
    local pid
    pid="$(head -n 1 "$PID_FILE" | tr -dc '0-9')"
    if [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null || true)" = postgres ]; then
        return 0
    fi
    rm_log "removing stale postmaster.pid (process ${pid:-?} is gone)"
    rm -f "$PID_FILE" "$SOCKET_DIR"/.s.PGSQL.*
    return 1
}

start_cluster() {
    if cluster_running; then
        PG_PORT="$(sed -n 4p "$PID_FILE")"
        rm_log "PostgreSQL is already running on port $PG_PORT; reusing it and leaving it running"
        return
    fi
    write_cluster_settings
    rm_log "starting PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT"
    if ! rm_as_postgres "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -l "$PG_LOG" -w -t 60 start >/dev/null; then
        tail -n 20 "$PG_LOG" >&2 || true
        rm_die "PostgreSQL did not start (is port $PG_PORT taken? set PGPORT_REVIEWMEETINGS)"
    fi
    STARTED_CLUSTER=1
}

create_database() {
    local psql=("$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres)
    if [ "$("${psql[@]}" -tAc "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'")" != 1 ]; then
        rm_log "creating database $DATABASE"
        "${psql[@]}" -c "CREATE DATABASE $DATABASE"
    fi
}

init_cluster
start_cluster
create_database

export ASPNETCORE_ENVIRONMENT=Development
export ASPNETCORE_URLS="http://127.0.0.1:$APP_PORT"
# PostgreSQL allows 100 connections by default: 80 for the ordinary pool, 16 for the phone ballots (README, Configuration).
export ConnectionStrings__Default="Host=127.0.0.1;Port=$PG_PORT;Database=$DATABASE;Username=postgres;Maximum Pool Size=80"
# The voting secret (Voting:SecretKey) keys the ballot codes' hashes and seals waiting ballots; it must never live in the
# database. This cluster's own secret is made once and kept beside the cluster, so codes issued earlier keep working.
if [ -z "${Voting__SecretKey:-}" ]; then
    SECRET_FILE="$DATA_DIR/voting-secret-key"
    if [ ! -s "$SECRET_FILE" ]; then
        (umask 077 && head -c 32 /dev/urandom | base64 > "$SECRET_FILE")
    fi
    Voting__SecretKey="$(cat "$SECRET_FILE")"
fi
export Voting__SecretKey
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

rm_log "starting the app at $ASPNETCORE_URLS (Ctrl-C stops the app and PostgreSQL)"
cd "$REPO_ROOT"
# In the background so the traps run at once; --no-launch-profile keeps launchSettings.json from overriding the URL.
dotnet run --project src/ReviewMeetings.Web --no-launch-profile &
APP_PID=$!
wait "$APP_PID"
