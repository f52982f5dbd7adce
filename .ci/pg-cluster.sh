#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on 127.0.0.1 for the tests (trust auth, fsync off, nothing kept).
#
# Usage:
#   .ci/pg-cluster.sh start        # prints the superuser URL, e.g. postgres://postgres@127.0.0.1:54011/postgres
#   .ci/pg-cluster.sh stop         # stops the cluster and deletes its folder
#   .ci/pg-cluster.sh status       # prints the URL if it is running (exit 1 otherwise)
#
# Run the server tests on it:
#   export TEST_DATABASE_URL=$(.ci/pg-cluster.sh start)
#   npm test                       # each test file gets its own fresh database on that server
#   .ci/pg-cluster.sh stop
#
# The cluster lives in PG_CLUSTER_DIR (default: a folder made by mktemp, remembered in
# ${TMPDIR:-/tmp}/mis-pg-cluster.<uid>.dir so that `stop` finds it). Set PG_CLUSTER_DIR to run several at once.
# Needs the Debian packages postgresql and postgresql-contrib (citext, pg_trgm, btree_gist); .ci/run installs them.
# PostgreSQL refuses to run as root, so as root the server runs as the `postgres` user (or `nobody`).
set -euo pipefail

STATE_FILE="${TMPDIR:-/tmp}/mis-pg-cluster.$(id -u).dir"

pg_bin() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [[ -z "$bin" || ! -x "$bin/initdb" ]]; then
    echo "pg-cluster: no PostgreSQL server found under /usr/lib/postgresql/*/bin (apt-get install postgresql postgresql-contrib)" >&2
    exit 1
  fi
  echo "$bin"
}

cluster_dir() {
  if [[ -n "${PG_CLUSTER_DIR:-}" ]]; then
    echo "$PG_CLUSTER_DIR"
  elif [[ -f "$STATE_FILE" ]]; then
    cat "$STATE_FILE"
  fi
}

# The user the server runs as: ourselves, or (as root) postgres / nobody.
run_user() {
  if [[ $(id -u) -ne 0 ]]; then
    id -un
  elif id postgres >/dev/null 2>&1; then
    echo postgres
  else
    echo nobody
  fi
}

as_user() {
  local user=$1
  shift
  if [[ $(id -u) -ne 0 ]]; then
    "$@"
  elif command -v runuser >/dev/null 2>&1; then
    runuser -u "$user" -- "$@"
  else
    su -s /bin/sh "$user" -c "$(printf '%q ' "$@")"
  fi
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

start() {
  local bin dir user port attempt
  bin=$(pg_bin)
  dir=$(cluster_dir)
  if [[ -n "$dir" && -f "$dir/url" && -f "$dir/data/postmaster.pid" ]]; then
    echo "pg-cluster: already running in $dir" >&2
    cat "$dir/url"
    return 0
  fi
  if [[ -z "$dir" ]]; then
    dir=$(mktemp -d "${TMPDIR:-/tmp}/mis-pg.XXXXXX")
  fi
  mkdir -p "$dir"
  [[ -n "${PG_CLUSTER_DIR:-}" ]] || echo "$dir" >"$STATE_FILE"
  user=$(run_user)
  # The server user must reach the folder (mktemp makes it 0700 for us).
  chmod 0755 "$dir"
  mkdir -p "$dir/socket"
  if [[ $(id -u) -eq 0 ]]; then chown -R "$user" "$dir"; fi

  if [[ ! -f "$dir/data/PG_VERSION" ]]; then
    as_user "$user" "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
      as_user "$user" "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 || {
      cat "$dir/initdb.log" >&2
      exit 1
    }
  fi

  for attempt in 1 2 3; do
    port=$(free_port)
    if as_user "$user" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
      -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir/socket \
          -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 \
          -c shared_buffers=128MB -c max_locks_per_transaction=256" >/dev/null; then
      echo "postgres://postgres@127.0.0.1:$port/postgres" >"$dir/url"
      cat "$dir/url"
      return 0
    fi
    echo "pg-cluster: start on port $port failed (attempt $attempt)" >&2
    tail -n 20 "$dir/server.log" >&2 || true
  done
  exit 1
}

stop() {
  local bin dir user
  dir=$(cluster_dir)
  if [[ -z "$dir" || ! -d "$dir" ]]; then
    echo "pg-cluster: nothing to stop" >&2
    return 0
  fi
  bin=$(pg_bin)
  user=$(run_user)
  if [[ -f "$dir/data/postmaster.pid" ]]; then
    as_user "$user" "$bin/pg_ctl" -D "$dir/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
  if [[ -z "${PG_CLUSTER_DIR:-}" ]]; then rm -f "$STATE_FILE"; fi
}

status() {
  local dir
  dir=$(cluster_dir)
  if [[ -n "$dir" && -f "$dir/url" && -f "$dir/data/postmaster.pid" ]]; then
    cat "$dir/url"
  else
    echo "pg-cluster: not running" >&2
    exit 1
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *)
    echo "usage: $0 start|stop|status" >&2
    exit 2
    ;;
esac
