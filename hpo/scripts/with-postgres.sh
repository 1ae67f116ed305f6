#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL server and NETLOOM_TEST_POSTGRES_URL pointing at it.
#
#   hpo/scripts/with-postgres.sh mvn -B test -pl hpo
#
# Installs Debian's postgresql if no server binaries are found, starts a server in a temporary
# directory on a free loopback port (as the postgres user when run as root, since initdb refuses
# root), creates database netloom_test, exports the URL, runs the command, then stops the server and
# deletes the directory, whatever the command's outcome. Exits with the command's exit code.
set -euo pipefail

find_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then echo "$d"; return 0; fi
  done
  return 1
}

if ! PGBIN=$(find_bin); then
  echo "with-postgres: installing Debian postgresql" >&2
  apt-get install -y postgresql >&2
  PGBIN=$(find_bin)
fi

if [ "$(id -u)" = 0 ]; then
  as_pg() { runuser -u postgres -- "$@"; }
  OWNER=postgres
else
  as_pg() { "$@"; }
  OWNER=$(id -un)
fi

TMP=$(mktemp -d /tmp/netloom-pg.XXXXXX)
chmod 700 "$TMP"
if [ "$(id -u)" = 0 ]; then chown postgres "$TMP"; fi

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')

cleanup() {
  as_pg "$PGBIN/pg_ctl" -D "$TMP/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$TMP"
}
trap cleanup EXIT INT TERM

as_pg "$PGBIN/initdb" -D "$TMP/data" -A trust -U "$OWNER" --no-sync >"$TMP/initdb.log" 2>&1 \
  || { cat "$TMP/initdb.log" >&2; exit 1; }
as_pg "$PGBIN/pg_ctl" -D "$TMP/data" -l "$TMP/server.log" -w \
  -o "-h 127.0.0.1 -p $PORT -k $TMP -c fsync=off -c full_page_writes=off" start >/dev/null \
  || { cat "$TMP/server.log" >&2; exit 1; }
as_pg "$PGBIN/createdb" -h 127.0.0.1 -p "$PORT" -U "$OWNER" netloom_test

export NETLOOM_TEST_POSTGRES_URL="postgresql://127.0.0.1:$PORT/netloom_test?user=$OWNER"
echo "with-postgres: server on 127.0.0.1:$PORT, NETLOOM_TEST_POSTGRES_URL=$NETLOOM_TEST_POSTGRES_URL" >&2

set +e
"$@"
STATUS=$?
set -e
exit $STATUS
