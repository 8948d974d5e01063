# Shared helpers for scripts/run.sh and scripts/test.sh. Source it; do not run it.
# shellcheck shell=bash

rm_log() { printf '[reviewmeetings] %s\n' "$*" >&2; }
rm_die() { rm_log "ERROR: $*"; exit 1; }

rm_is_root() { [ "$(id -u)" -eq 0 ]; }

# Newest PostgreSQL server bin directory (the one holding initdb), or nothing.
rm_pg_bindir() {
    local dir
    if [ -n "${REVIEWMEETINGS_PG_BINDIR:-}" ] && [ -x "$REVIEWMEETINGS_PG_BINDIR/initdb" ]; then
        printf '%s\n' "$REVIEWMEETINGS_PG_BINDIR"
        return 0
    fi
    if command -v pg_config >/dev/null 2>&1; then
        dir="$(pg_config --bindir 2>/dev/null || true)"
        if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then
            printf '%s\n' "$dir"
            return 0
        fi
    fi
    dir="$(find /usr/lib/postgresql -mindepth 3 -maxdepth 3 -path '*/bin/initdb' -executable 2>/dev/null \
        | sort -V | tail -n 1)"
    if [ -n "$dir" ]; then
        dirname "$dir"
        return 0
    fi
    if command -v initdb >/dev/null 2>&1; then
        dirname "$(command -v initdb)"
        return 0
    fi
    return 1
}

# PDFs (and the browser tests) use Debian's chromium-headless-shell when it is installed, else the full chromium,
# which prints the same documents with about twice the CPU (ADR 0002). The app looks in /usr/bin (Pdf:ExecutablePath).
rm_have_headless_shell() { [ -x /usr/bin/chromium-headless-shell ]; }
rm_have_chromium() { rm_have_headless_shell || [ -x /usr/bin/chromium ]; }

rm_have_cjk_fonts() {
    if command -v fc-list >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi 'Noto Sans CJK'; then
        return 0
    fi
    dpkg -s fonts-noto-cjk >/dev/null 2>&1
}

rm_have_pdftotext() { command -v pdftotext >/dev/null 2>&1; }

rm_have_java() { command -v java >/dev/null 2>&1; }

# Usage: rm_ensure_prerequisites [pdftotext] [java]
# Installs missing Debian packages when root; otherwise prints the command to run and exits 1.
rm_ensure_prerequisites() {
    local want_pdftotext=0 want_java=0 missing=() arg
    for arg in "$@"; do
        case "$arg" in
            pdftotext) want_pdftotext=1 ;;
            java) want_java=1 ;;
            *) rm_die "rm_ensure_prerequisites: unknown prerequisite $arg" ;;
        esac
    done

    rm_pg_bindir >/dev/null || missing+=(postgresql)
    rm_have_chromium || missing+=(chromium-headless-shell)
    rm_have_cjk_fonts || missing+=(fonts-noto-cjk)
    if [ "$want_pdftotext" -eq 1 ]; then
        rm_have_pdftotext || missing+=(poppler-utils)
    fi
    if [ "$want_java" -eq 1 ]; then
        rm_have_java || missing+=(default-jre-headless)
    fi

    if [ "${#missing[@]}" -gt 0 ]; then
        if rm_is_root; then
            rm_log "installing missing packages: ${missing[*]}"
            apt-get update
            DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
        else
            rm_log "missing prerequisites: ${missing[*]}"
            echo "sudo apt-get install -y ${missing[*]}"
            exit 1
        fi
        rm_pg_bindir >/dev/null || rm_die "PostgreSQL server binaries (initdb) still not found"
        rm_have_chromium || rm_die "chromium still not found"
        rm_have_cjk_fonts || rm_die "Noto CJK fonts still not found"
        if [ "$want_pdftotext" -eq 1 ]; then
            rm_have_pdftotext || rm_die "pdftotext still not found"
        fi
        if [ "$want_java" -eq 1 ]; then
            rm_have_java || rm_die "java still not found"
        fi
    fi

    # With the full chromium already there, the headless shell is only faster: install it when we can, never fail on it.
    if ! rm_have_headless_shell; then
        if rm_is_root; then
            rm_log "installing chromium-headless-shell (PDFs and browser tests take about half the CPU of the full chromium)"
            { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium-headless-shell; } >&2 \
                || rm_log "could not install chromium-headless-shell; using the full chromium"
        else
            rm_log "chromium-headless-shell is not installed; using the full chromium, which is slower (sudo apt-get install -y chromium-headless-shell)"
        fi
    fi

    if ! command -v dotnet >/dev/null 2>&1; then
        rm_die "the .NET 10 SDK (dotnet) is not on PATH; install it from https://dotnet.microsoft.com/download/dotnet/10.0 (see global.json)"
    fi
}

# The Nu Html Checker (vnu.jar) the browser tests validate every page with, pinned in tests/tools/package-lock.json.
# Installed with npm when missing; its install script (which would fetch a Java runtime) is not run.
rm_ensure_vnu() {
    local tools="$1/tests/tools"
    [ -f "$tools/node_modules/vnu-jar/build/dist/vnu.jar" ] && return 0
    command -v npm >/dev/null 2>&1 \
        || rm_die "npm is needed once to fetch the Nu Html Checker (vnu-jar); install Node.js (e.g. apt-get install -y npm) and run scripts/test.sh again"
    rm_log "installing the Nu Html Checker (vnu-jar) into tests/tools"
    (cd "$tools" && npm ci --no-audit --no-fund --ignore-scripts) || rm_die "npm ci in tests/tools failed"
}

# PostgreSQL refuses to run as root, so as root the server tools run as the postgres user.
rm_ensure_postgres_user() {
    rm_is_root || return 0
    if ! id postgres >/dev/null 2>&1; then
        rm_log "creating system user postgres"
        useradd --system --user-group --home-dir /var/lib/postgresql --shell /bin/bash postgres
    fi
}

# Runs a command as the postgres user when root, as the current user otherwise.
# It starts in / because the caller's directory (e.g. under /root) may be closed to postgres.
rm_as_postgres() {
    if rm_is_root; then
        (cd / && runuser -u postgres -- "$@")
    else
        "$@"
    fi
}
