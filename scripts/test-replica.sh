#!/usr/bin/env bash
# Read-replica test: starts a PostgreSQL primary and a streaming replica of it (pg_basebackup)
# on loopback, in a temporary directory, on free ports, runs test/replica.db.test.ts against
# them (the app with DATABASE_URL = primary and DATABASE_READ_URL = replica), then stops both.
# Uses Debian's PostgreSQL binaries (/usr/lib/postgresql/N/bin); run as root or as postgres.
set -euo pipefail
cd "$(dirname "$0")/.."

pgbin="${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)}"
if { [ -z "$pgbin" ] || [ ! -x "$pgbin/pg_basebackup" ]; } && [ "$(id -u)" = "0" ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
fi
if [ -z "$pgbin" ] || [ ! -x "$pgbin/pg_basebackup" ]; then
  echo "test-replica: PostgreSQL server binaries not found (apt-get install postgresql, or set PGBIN)" >&2
  exit 1
fi

dir=$(mktemp -d /tmp/rt-replica-XXXXXX)
if [ "$(id -u)" = "0" ]; then chown postgres "$dir"; fi
as_pg() { if [ "$(id -u)" = "0" ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
primary_port=$(free_port)
replica_port=$(free_port)
while [ "$replica_port" = "$primary_port" ]; do replica_port=$(free_port); done

stop() {
  as_pg "$pgbin/pg_ctl -D $dir/replica -m immediate stop >/dev/null 2>&1" || true
  as_pg "$pgbin/pg_ctl -D $dir/primary -m fast stop >/dev/null 2>&1" || true
  rm -rf "$dir"
}
trap stop EXIT

# initdb's pg_hba.conf lets loopback connect for replication with the given method (trust).
as_pg "$pgbin/initdb -D $dir/primary -U postgres -A trust >/dev/null"
as_pg "$pgbin/pg_ctl -D $dir/primary -l $dir/primary.log -w start -o \"-p $primary_port -k $dir -c listen_addresses=127.0.0.1 -c wal_level=replica -c max_wal_senders=4\" >/dev/null"
as_pg "$pgbin/pg_basebackup -h 127.0.0.1 -p $primary_port -U postgres -D $dir/replica -R -X stream"
as_pg "$pgbin/pg_ctl -D $dir/replica -l $dir/replica.log -w start -o \"-p $replica_port -k $dir -c listen_addresses=127.0.0.1 -c hot_standby=on\" >/dev/null"
as_pg "$pgbin/createdb -h 127.0.0.1 -p $primary_port -U postgres roundtable"

export TEST_PRIMARY_URL="postgres://postgres@127.0.0.1:$primary_port/roundtable"
export TEST_REPLICA_URL="postgres://postgres@127.0.0.1:$replica_port/roundtable"
npx vitest run --project db test/replica.db.test.ts
