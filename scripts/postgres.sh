# Start a throwaway PostgreSQL server on a free loopback port for tests and benchmarks, and
# stop it when the calling script exits. Sourced by scripts/test and scripts/bench-ingest.
#
# It uses the Debian package's server programs, installing the package first if they are
# missing (as root, or through sudo without a password). initdb refuses to run as root, so as root the server runs as
# the postgres user. After `start_postgres`, TANDEM_TEST_POSTGRES holds a URL to the server's
# postgres database as a superuser.

# shellcheck source=scripts/packages.sh
source "$(dirname "${BASH_SOURCE[0]}")/packages.sh"

pg_bindir() {
  local dir=""
  if command -v pg_config >/dev/null 2>&1; then dir=$(pg_config --bindir); fi
  if [ -z "$dir" ] || [ ! -x "$dir/initdb" ]; then
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  fi
  echo "$dir"
}

# A loopback port nothing answers on, tried at random (bash only: no other tool needed).
free_port() {
  local port
  for _ in $(seq 1 100); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  echo "no free loopback port found for PostgreSQL" >&2
  exit 1
}

as_postgres=()
start_postgres() {
  local extra="${1:-}"
  bindir=$(pg_bindir)
  if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
    install_debian_package postgresql "the PostgreSQL tests"
    bindir=$(pg_bindir)
  fi
  pg_dir=$(mktemp -d /tmp/tandem-pg.XXXXXX)
  pg_port=$(free_port)
  head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$pg_dir/password"
  # initdb refuses to run as root: run the server as the postgres user then.
  if [ "$(id -u)" = 0 ]; then
    chown -R postgres "$pg_dir"
    as_postgres=(runuser -u postgres --)
  fi
  if ! "${as_postgres[@]}" "$bindir/initdb" -D "$pg_dir/data" -U postgres --pwfile="$pg_dir/password" \
    --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --no-locale >"$pg_dir/initdb.log" 2>&1; then
    cat "$pg_dir/initdb.log" >&2
    exit 1
  fi
  trap stop_postgres EXIT
  "${as_postgres[@]}" "$bindir/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
    -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off $extra" \
    start >/dev/null
  export TANDEM_TEST_POSTGRES="postgres://postgres:$(cat "$pg_dir/password")@127.0.0.1:$pg_port/postgres"
  echo "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') is running on 127.0.0.1:$pg_port"
}

stop_postgres() {
  "${as_postgres[@]}" "$bindir/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$pg_dir"
}

