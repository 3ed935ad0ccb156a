#!/usr/bin/env bash
# Start a throwaway PostgreSQL for the store tests and print the variable that points at it:
#
#   eval "$(bash scripts/ci-postgres.sh)"     # start (or reuse) it; exports FARVIEW_TEST_DATABASE_URL
#   bash scripts/ci-postgres.sh stop          # stop it and delete its files
#
# Only the export line goes to stdout (it is meant for eval); everything else goes to stderr.
# Running it again while the server is up reuses it. Settings (all optional):
#   FARVIEW_PG_DIR   where the cluster lives        (default: $TMPDIR/farview-ci-postgres)
#   FARVIEW_PG_PORT  first port to try on 127.0.0.1  (default: 55432; the next free one is taken)
set -euo pipefail

dir="${FARVIEW_PG_DIR:-${TMPDIR:-/tmp}/farview-ci-postgres}"
first_port="${FARVIEW_PG_PORT:-55432}"
db_user=farview
db_name=farview_test

say() { printf 'ci-postgres: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

# pg_ctl is on PATH on some images and only under /usr/lib/postgresql/<version>/bin on Debian.
find_bindir() {
  local p
  if p="$(command -v pg_ctl 2>/dev/null)"; then
    dirname "$(readlink -f "$p")"
    return 0
  fi
  p="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  [ -n "$p" ] && [ -x "$p/pg_ctl" ] && { printf '%s\n' "$p"; return 0; }
  return 1
}

install_postgres() {
  [ "$(id -u)" -eq 0 ] || die "PostgreSQL is not installed and installing it needs root (apt-get install -y postgresql)"
  command -v apt-get >/dev/null || die "PostgreSQL is not installed and apt-get is not available"
  say "installing PostgreSQL with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
}

# PostgreSQL refuses to run as root: as root, run its commands as the `postgres` system user
# (created if missing); otherwise as ourselves.
run_user() {
  if [ "$(id -u)" -ne 0 ]; then id -un; return; fi
  if ! id postgres >/dev/null 2>&1; then
    say "creating system user postgres"
    useradd --system --no-create-home --shell /usr/sbin/nologin postgres >&2
  fi
  printf 'postgres\n'
}

as_user() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u "$user" -- "$@"; else "$@"; fi
}

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

is_running() { [ -f "$dir/data/PG_VERSION" ] && as_user "$bindir/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; }

print_url() {
  local port password
  port="$(cat "$dir/port")"
  password="$(cat "$dir/password")"
  printf 'export FARVIEW_TEST_DATABASE_URL=%q\n' "postgres://$db_user:$password@127.0.0.1:$port/$db_name"
}

bindir="$(find_bindir)" || { install_postgres; bindir="$(find_bindir)" || die "pg_ctl not found after installing PostgreSQL"; }
user="$(run_user)"

case "${1:-start}" in
  stop)
    if is_running; then
      say "stopping PostgreSQL in $dir"
      as_user "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >&2
    fi
    rm -rf "$dir"
    exit 0
    ;;
  start) ;;
  *) die "unknown argument '$1' (expected: start or stop)" ;;
esac

if is_running && [ -f "$dir/port" ] && [ -f "$dir/password" ]; then
  say "reusing PostgreSQL on 127.0.0.1:$(cat "$dir/port") ($dir)"
  print_url
  exit 0
fi

# Not running: start from a clean cluster (a half-made one from an interrupted run is useless).
rm -rf "$dir"
mkdir -p "$dir"
chmod 700 "$dir"
# A random password over scram, so the tests exercise the same authentication as a real server.
head -c 18 /dev/urandom | base64 | tr '+/' '-_' >"$dir/password"
[ "$user" = "$(id -un)" ] || chown -R "$user" "$dir"

say "initialising a cluster in $dir with $bindir (as $user)"
as_user "$bindir/initdb" -D "$dir/data" -U "$db_user" --pwfile="$dir/password" \
  --auth=scram-sha-256 -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; die "initdb failed"; }

port="$first_port"
for _ in $(seq 1 50); do
  port_busy "$port" || break
  port=$((port + 1))
done
port_busy "$port" && die "no free port in $first_port..$port on 127.0.0.1"
printf '%s\n' "$port" >"$dir/port"

say "starting PostgreSQL on 127.0.0.1:$port"
as_user "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=on" start >&2 \
  || { tail -n 20 "$dir/server.log" >&2 || true; die "PostgreSQL did not start"; }

PGPASSWORD="$(cat "$dir/password")" "$bindir/psql" -h 127.0.0.1 -p "$port" -U "$db_user" -d postgres \
  -v ON_ERROR_STOP=1 -qAt -c "CREATE DATABASE $db_name" >&2
say "ready: database $db_name"
print_url
