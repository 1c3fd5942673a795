#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 server for the store tests and prints the
# DSN to export; "stop" stops it and removes its files.
#
#   eval "$(scripts/pg-test.sh)"     # sets SUKIEN_TEST_POSTGRES
#   go test ./internal/store/...
#   scripts/pg-test.sh stop
#
# Needs Debian's postgresql package (apt-get install -y postgresql) and root,
# since the server runs as the postgres user. PGPORT picks the port (55432 by
# default, or the next free one).
set -euo pipefail

BIN=${PGBIN:-/usr/lib/postgresql/15/bin}
STATE=${SUKIEN_PG_STATE:-/tmp/sukien-pg-test}
as_postgres() { runuser -u postgres -- "$@"; }

if [[ "${1:-start}" == stop ]]; then
	if [[ -f "$STATE/dir" ]]; then
		dir=$(cat "$STATE/dir")
		as_postgres "$BIN/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
		rm -rf "$dir"
	fi
	rm -rf "$STATE"
	exit 0
fi

if [[ ! -x "$BIN/initdb" ]]; then
	echo "pg-test.sh: $BIN/initdb not found; apt-get install -y postgresql" >&2
	exit 1
fi

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

if [[ -f "$STATE/dsn" ]] && as_postgres "$BIN/pg_ctl" -D "$(cat "$STATE/dir")/data" status >/dev/null 2>&1; then
	echo "export SUKIEN_TEST_POSTGRES=$(cat "$STATE/dsn")"
	exit 0
fi

port=${PGPORT:-55432}
while ! port_free "$port"; do port=$((port + 1)); done

dir=$(mktemp -d /tmp/sukien-pg.XXXXXX)
mkdir -p "$dir/data" "$dir/sock" "$STATE"
chown -R postgres:postgres "$dir"
chmod 700 "$dir/data"
as_postgres "$BIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
	{ cat "$dir/initdb.log" >&2; exit 1; }
as_postgres "$BIN/pg_ctl" -D "$dir/data" -l "$dir/data/log" \
	-o "-p $port -k $dir/sock -c listen_addresses=127.0.0.1 -c fsync=off" -w start >&2 ||
	{ cat "$dir/data/log" >&2; exit 1; }
as_postgres "$BIN/createdb" -h 127.0.0.1 -p "$port" -U postgres sukien_test

dsn="postgres://postgres@127.0.0.1:$port/sukien_test?sslmode=disable"
echo "$dir" >"$STATE/dir"
echo "$dsn" >"$STATE/dsn"
echo "export SUKIEN_TEST_POSTGRES=$dsn"
