#!/usr/bin/env bash
# Runs a command with TEST_DATABASE_URL pointing at a real PostgreSQL server (15 or newer).
# Uses the server at 127.0.0.1:5432 (user postgres, trust auth, database test) when it answers;
# otherwise starts a throwaway one on loopback, installing Debian's postgresql as root if needed.
set -euo pipefail

url="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}"
if node -e "const c=new (require('pg').Client)({connectionString:process.argv[1],connectionTimeoutMillis:3000});c.connect().then(()=>c.end()).then(()=>process.exit(0),()=>process.exit(1))" "$url" 2>/dev/null; then
  export TEST_DATABASE_URL="$url"
  exec "$@"
fi

pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$pgbin" ]; then
  if [ "$(id -u)" = "0" ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  else
    echo "The PostgreSQL pass needs a server: run 'sudo apt-get install -y postgresql' or set TEST_DATABASE_URL." >&2
    exit 1
  fi
fi

dir=$(mktemp -d /tmp/rt-pg-XXXXXX)
chown postgres "$dir" 2>/dev/null || true
as_pg() { if [ "$(id -u)" = "0" ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
port=55432
as_pg "$pgbin/initdb -D $dir/data -U postgres -A trust >/dev/null"
as_pg "$pgbin/pg_ctl -D $dir/data -o '-p $port -k $dir -c listen_addresses=127.0.0.1' -l $dir/log -w start >/dev/null"
trap 'as_pg "$pgbin/pg_ctl -D $dir/data -m fast stop >/dev/null" || true; rm -rf "$dir"' EXIT
as_pg "$pgbin/createdb -h 127.0.0.1 -p $port -U postgres test"
export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/test"
"$@"
