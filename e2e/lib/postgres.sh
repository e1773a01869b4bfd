# shellcheck shell=bash
# A private PostgreSQL server for the scenarios that need one, run on the host (the
# sandbox shares the host's network) as the postgres user, on 127.0.0.1:$PG_PORT, with
# its data in a temporary directory. Installed from Debian's packages when missing.
# pg_cleanup (called by run.sh's exit trap) stops it and removes the directory.

PG_PORT="${E2E_PG_PORT:-$((PORT_BASE + 900))}"
PG_DIR=""
PG_BIN=""

# pg_url : the JDBC URL of the server
pg_url() { echo "jdbc:postgresql://127.0.0.1:$PG_PORT/postgres"; }

# pg_args : the application arguments that point the sample at the server
pg_args() { echo "--spring.datasource.url=$(pg_url) --spring.datasource.username=postgres"; }

# pg_ensure : install PostgreSQL if needed and initialise the data directory; 1 on failure
pg_ensure() {
  [ -n "$PG_DIR" ] && return 0
  PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  if [ ! -x "$PG_BIN/initdb" ]; then
    info "installing PostgreSQL from Debian's packages"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq </dev/null >/dev/null 2>&1
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql </dev/null >/dev/null 2>&1 \
      || { fail "apt-get install postgresql failed"; return 1; }
    PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  fi
  id postgres >/dev/null 2>&1 || { fail "no postgres user after installing PostgreSQL"; return 1; }
  if (exec 3<>"/dev/tcp/127.0.0.1/$PG_PORT") 2>/dev/null; then
    fail "127.0.0.1:$PG_PORT (PostgreSQL) is already in use; set E2E_PG_PORT"
    return 1
  fi
  PG_DIR="$(mktemp -d /tmp/web-sample-e2e-pg.XXXXXX)"
  chown postgres: "$PG_DIR"
  runuser -u postgres -- "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust >"$PG_DIR/initdb.log" 2>&1 \
    || { fail "initdb failed: $(tail -n 3 "$PG_DIR/initdb.log" | tr '\n' ' ')"; return 1; }
  return 0
}

# pg_start : start the server and wait until it accepts connections
pg_start() {
  pg_ensure || return 1
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 30 \
    -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $PG_DIR" start >/dev/null 2>&1 \
    || { fail "PostgreSQL did not start: $(tail -n 3 "$PG_DIR/server.log" | tr '\n' ' ')"; return 1; }
}

# pg_stop : stop the server at once, as a crash or an outage would
pg_stop() {
  [ -n "$PG_DIR" ] || return 0
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1
  return 0
}

pg_cleanup() {
  [ -n "$PG_DIR" ] || return 0
  pg_stop
  rm -rf "$PG_DIR"
  PG_DIR=""
}
