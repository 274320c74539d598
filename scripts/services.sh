#!/usr/bin/env bash
# Local Kafka and a MongoDB-compatible server (FerretDB over PostgreSQL), without Docker.
#
#   scripts/services.sh start [SERVICE...]   start what is not running, wait until each answers
#   scripts/services.sh stop  [SERVICE...]   stop what this script started (pid files)
#   scripts/services.sh status               tell what runs
#   scripts/services.sh prepare              only fetch and build (Kafka jars, FerretDB binary,
#                                            Debian's postgresql when missing and run as root)
#
# SERVICE is kafka, postgres or ferretdb (ferretdb needs postgres, so starting it starts both);
# none means all. Endpoints (loopback only):
#   Kafka     127.0.0.1:9092  (KRaft controller 127.0.0.1:9093), Apache Kafka jars from Maven Central
#   MongoDB   127.0.0.1:27017 (FerretDB 1.24, built from the Go module proxy)
#   Postgres  127.0.0.1:5433  (FerretDB's backend; Debian's postgresql package, own cluster)
# Everything (built binaries, jars, data, logs, pid files) lives under .local/ of the repository;
# Maven's ~/.m2 and Go's module and build caches serve as download caches.
#
# `start` writes .local/services.started: the services THIS invocation started, one per line
# (empty when all were already running), so a caller can stop exactly those:
#   scripts/services.sh stop $(cat .local/services.started)
# Exit status: 0 when every requested service answers; 1 on failure (with the log's tail);
# `status` exits 0 when all run, 3 otherwise.
#
# Environment: PORTCULLIS_KAFKA_VERSION (default below), PORTCULLIS_SERVICES_DIR (default .local).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SRC="$ROOT/scripts/services"
LOCAL="${PORTCULLIS_SERVICES_DIR:-$ROOT/.local}"
LOGS="$LOCAL/logs"
RUN="$LOCAL/run"
STARTED_FILE="$LOCAL/services.started"

KAFKA_VERSION="${PORTCULLIS_KAFKA_VERSION:-4.1.2}"
KAFKA_PORT=9092
CONTROLLER_PORT=9093
MONGO_PORT=27017
PG_PORT=5433
HOST=127.0.0.1

KAFKA_HOME="$LOCAL/kafka"
KAFKA_LIB="$KAFKA_HOME/$KAFKA_VERSION/lib"
KAFKA_DATA="$KAFKA_HOME/data"
KAFKA_PROPS="$KAFKA_HOME/server.properties"
PG_DATA="$LOCAL/postgres/data"
PG_SOCKETS="$LOCAL/postgres/run"
FERRET_BIN="$LOCAL/ferretdb/ferretdb"
FERRET_URL="postgres://postgres@$HOST:$PG_PORT/ferretdb"

KAFKA_READY_TIMEOUT=120
FERRET_READY_TIMEOUT=60

say() { printf '%s\n' "$*"; }
warn() { printf 'services.sh: %s\n' "$*" >&2; }
die() {
  warn "$*"
  exit 1
}
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1fs", b - a }'; }

tail_log() {
  local file="$1"
  if [[ -f "$file" ]]; then
    warn "last lines of $file:"
    tail -n 40 "$file" | sed 's/^/    /' >&2
  fi
}

port_open() { timeout 1 bash -c "exec 3<>/dev/tcp/$HOST/$1" 2>/dev/null; }

# Pid from a pid file when that process is alive and its command line contains the marker.
live_pid() {
  local file="$1" marker="$2" pid
  [[ -f "$file" ]] || return 1
  pid="$(head -n 1 "$file" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$marker" || return 1
  printf '%s\n' "$pid"
}

kill_pid() {
  local pid="$1" name="$2" i
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < 300; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  warn "$name (pid $pid) did not stop in 30s: killing it"
  kill -KILL "$pid" 2>/dev/null || true
}

# Runs a detached process (own session, no terminal, output to a log file) and records its pid.
launch() {
  local pidfile="$1" logfile="$2"
  shift 2
  : >"$logfile"
  # The inner shell writes its own pid and then becomes the server: the pid file is right even
  # when setsid has to fork.
  # fd 9 (the lock) is closed so that the server does not hold it.
  # shellcheck disable=SC2016 # $$ and $@ belong to the inner shell
  setsid bash -c 'echo $$ >"$0"; exec "$@"' "$pidfile" "$@" >>"$logfile" 2>&1 </dev/null 9>&- &
  local i
  for ((i = 0; i < 50; i++)); do
    [[ -s "$pidfile" ]] && return 0
    sleep 0.1
  done
  die "could not launch $*"
}

record_started() { printf '%s\n' "$1" >>"$STARTED_FILE"; }

probe() {
  # The Kafka probe checks every __consumer_offsets partition: tell it how many there are.
  PROBE_OFFSETS_PARTITIONS="$(sed -n 's/^offsets\.topic\.num\.partitions=//p' "$SRC/kafka/server.properties.template")" \
    node "$SRC/probe.js" "$@"
}

# Waits until `probe KIND PORT` succeeds while the pid stays alive.
wait_ready() {
  local kind="$1" port="$2" pid="$3" timeout="$4" logfile="$5" name="$6" t0 out=""
  t0="$(date +%s)"
  while true; do
    if ! kill -0 "$pid" 2>/dev/null; then
      warn "$name exited during start-up"
      tail_log "$logfile"
      return 1
    fi
    if port_open "$port" && out="$(probe "$kind" "$HOST:$port" 2>&1)"; then
      return 0
    fi
    if (($(date +%s) - t0 >= timeout)); then
      warn "$name did not answer on $HOST:$port within ${timeout}s${out:+ ($out)}"
      tail_log "$logfile"
      return 1
    fi
    sleep 0.5
  done
}

need() { command -v "$1" >/dev/null 2>&1 || die "$1 is needed: $2"; }

sha_of() { cat "$@" | sha256sum | cut -d' ' -f1; }

# ---------------------------------------------------------------- PostgreSQL (FerretDB's backend)

PG_BIN=""
find_pg_bin() {
  local d
  for d in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V -r); do
    if [[ -x "$d/initdb" && -x "$d/pg_ctl" && -x "$d/postgres" ]]; then
      PG_BIN="$d"
      return 0
    fi
  done
  if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
    PG_BIN="$(dirname "$(command -v pg_ctl)")"
    return 0
  fi
  return 1
}

ensure_pg_installed() {
  find_pg_bin && return 0
  if [[ $EUID -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    say "postgres: PostgreSQL server not installed, installing Debian's postgresql package"
    local log="$LOGS/apt-postgresql.log"
    if ! { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends postgresql; } >"$log" 2>&1; then
      tail_log "$log"
      die "apt-get install postgresql failed"
    fi
    find_pg_bin && return 0
  fi
  die "PostgreSQL server binaries not found: install them (Debian: apt-get install -y postgresql)"
}

# PostgreSQL refuses to run as root: as root, run it as the `postgres` system user.
as_pg() {
  if [[ $EUID -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

pg_pid() {
  [[ -f "$PG_DATA/postmaster.pid" ]] || return 1
  live_pid "$PG_DATA/postmaster.pid" "postgres"
}

pg_psql() { as_pg "$PG_BIN/psql" -X -q -h "$HOST" -p "$PG_PORT" -U postgres "$@"; }

init_pg_cluster() {
  local owner_args=()
  if [[ $EUID -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || die "user 'postgres' missing (it comes with Debian's postgresql package)"
    owner_args=(-o postgres -g "$(id -gn postgres)")
  fi
  install -d -m 700 "${owner_args[@]}" "$LOCAL/postgres" "$PG_DATA" "$PG_SOCKETS"
  if ! as_pg test -w "$PG_DATA"; then
    die "user postgres cannot write $PG_DATA: every folder above it must be searchable (chmod o+x)"
  fi
  [[ -f "$PG_DATA/PG_VERSION" ]] && return 0
  say "postgres: initdb $PG_DATA"
  as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U postgres -A trust -E UTF8 --locale=C --no-instructions \
    >"$LOGS/postgres-initdb.log" 2>&1 || {
    tail_log "$LOGS/postgres-initdb.log"
    die "initdb failed"
  }
  # A Unix socket path must fit in 107 bytes; deep checkouts get TCP only.
  local sockets="$PG_SOCKETS"
  ((${#PG_SOCKETS} + 20 < 107)) || sockets=""
  as_pg tee -a "$PG_DATA/postgresql.conf" >/dev/null <<EOF

# ---- scripts/services.sh: private, loopback-only, throwaway development cluster ----
listen_addresses = '$HOST'
port = $PG_PORT
unix_socket_directories = '$sockets'
max_connections = 200
shared_buffers = 128MB
fsync = off
synchronous_commit = off
full_page_writes = off
wal_level = minimal
max_wal_senders = 0
checkpoint_timeout = 30min
max_wal_size = 2GB
log_min_messages = warning
log_line_prefix = '%m [%p] '
EOF
}

start_postgres() {
  local pid t0
  if pid="$(pg_pid)"; then
    say "postgres: already running (pid $pid) on $HOST:$PG_PORT"
    return 0
  fi
  if port_open "$PG_PORT"; then
    die "postgres: $HOST:$PG_PORT is taken by a process that services.sh did not start"
  fi
  t0="$(now)"
  ensure_pg_installed
  init_pg_cluster
  local log="$LOGS/postgres.log"
  touch "$log"
  [[ $EUID -eq 0 ]] && chown postgres "$log"
  if ! as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$log" -w -t 60 -s start >/dev/null 2>&1 9>&-; then
    tail_log "$log"
    die "postgres did not start"
  fi
  record_started postgres
  if [[ "$(pg_psql -d postgres -tAc "select 1 from pg_database where datname = 'ferretdb'")" != 1 ]]; then
    pg_psql -d postgres -c 'create database ferretdb' >/dev/null
  fi
  say "postgres: started $("$PG_BIN/postgres" --version | awk '{print $3}') on $HOST:$PG_PORT (pid $(pg_pid), $(since "$t0"))"
}

stop_postgres() {
  local pid
  if ! pid="$(pg_pid)"; then
    say "postgres: not running"
    return 0
  fi
  find_pg_bin || die "postgres runs (pid $pid) but pg_ctl is not found"
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t 60 -s stop >/dev/null 2>&1 || kill_pid "$pid" postgres
  say "postgres: stopped (pid $pid)"
}

# ---------------------------------------------------------------- FerretDB

FERRET_MARKER="$FERRET_BIN"

build_ferretdb() {
  local stamp want
  want="$(sha_of "$SRC/ferretdb/go.mod" "$SRC/ferretdb/go.sum" "$SRC/ferretdb/main.go")-$(go env GOVERSION 2>/dev/null || echo nogo)"
  stamp="$LOCAL/ferretdb/build.stamp"
  if [[ -x "$FERRET_BIN" && -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
    return 0
  fi
  need go "the Go toolchain builds FerretDB (github.com/FerretDB/FerretDB from the Go module proxy)"
  local t0 log="$LOGS/ferretdb-build.log"
  t0="$(now)"
  say "ferretdb: building from the Go module proxy (first time only, a few minutes on 2 cores)"
  mkdir -p "$LOCAL/ferretdb"
  if ! (cd "$SRC/ferretdb" && go build -buildvcs=false -trimpath -o "$FERRET_BIN.tmp" .) >"$log" 2>&1; then
    tail_log "$log"
    die "ferretdb: go build failed"
  fi
  mv -f "$FERRET_BIN.tmp" "$FERRET_BIN"
  printf '%s\n' "$want" >"$stamp"
  say "ferretdb: built $("$FERRET_BIN" -version) in $(since "$t0")"
}

start_ferretdb() {
  local pid t0 log="$LOGS/ferretdb.log"
  if pid="$(live_pid "$RUN/ferretdb.pid" "$FERRET_MARKER")"; then
    say "ferretdb: already running (pid $pid) on $HOST:$MONGO_PORT"
    return 0
  fi
  if port_open "$MONGO_PORT"; then
    if probe mongo "$HOST:$MONGO_PORT" >/dev/null 2>&1; then
      say "ferretdb: $HOST:$MONGO_PORT already answers (not started by services.sh): using it"
      return 0
    fi
    die "ferretdb: $HOST:$MONGO_PORT is taken by a process that does not answer MongoDB's ping"
  fi
  t0="$(now)"
  build_ferretdb
  launch "$RUN/ferretdb.pid" "$log" "$FERRET_BIN" \
    -listen-addr="$HOST:$MONGO_PORT" -postgresql-url="$FERRET_URL" -log-level=warn
  pid="$(cat "$RUN/ferretdb.pid")"
  record_started ferretdb
  FERRET_WAIT=("$pid" "$t0")
}

finish_ferretdb() {
  [[ ${#FERRET_WAIT[@]} -eq 2 ]] || return 0
  local pid="${FERRET_WAIT[0]}" t0="${FERRET_WAIT[1]}"
  wait_ready mongo "$MONGO_PORT" "$pid" "$FERRET_READY_TIMEOUT" "$LOGS/ferretdb.log" ferretdb || return 1
  say "ferretdb: started FerretDB $("$FERRET_BIN" -version) on $HOST:$MONGO_PORT (pid $pid, $(since "$t0"))"
}

stop_ferretdb() {
  local pid
  if pid="$(live_pid "$RUN/ferretdb.pid" "$FERRET_MARKER")"; then
    kill_pid "$pid" ferretdb
    rm -f "$RUN/ferretdb.pid"
    say "ferretdb: stopped (pid $pid)"
  else
    rm -f "$RUN/ferretdb.pid"
    say "ferretdb: not running"
  fi
}

# ---------------------------------------------------------------- Kafka

KAFKA_MARKER="-Dportcullis.service=kafka"

fetch_kafka() {
  local want stamp="$KAFKA_LIB/.complete"
  want="$(sha_of "$SRC/kafka/pom.xml")"
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
    return 0
  fi
  need mvn "Maven fetches Apache Kafka's jars from Maven Central"
  local t0 log="$LOGS/kafka-fetch.log" tmp="$KAFKA_LIB.tmp"
  t0="$(now)"
  say "kafka: fetching org.apache.kafka:kafka_2.13:$KAFKA_VERSION and its dependencies (Maven)"
  rm -rf "$tmp"
  mkdir -p "$tmp"
  if ! mvn -B -q -f "$SRC/kafka/pom.xml" -Dkafka.version="$KAFKA_VERSION" \
    dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$tmp" >"$log" 2>&1; then
    tail_log "$log"
    rm -rf "$tmp"
    rmdir "$(dirname "$KAFKA_LIB")" 2>/dev/null || true
    die "kafka: mvn dependency:copy-dependencies failed"
  fi
  [[ -f "$tmp/kafka_2.13-$KAFKA_VERSION.jar" ]] || die "kafka: kafka_2.13-$KAFKA_VERSION.jar missing after mvn"
  rm -rf "$KAFKA_LIB"
  mv "$tmp" "$KAFKA_LIB"
  printf '%s\n' "$want" >"$stamp"
  say "kafka: fetched $(find "$KAFKA_LIB" -name '*.jar' | wc -l) jars in $(since "$t0")"
}

java_major() {
  java -version 2>&1 | awk -F'"' '/version/ { split($2, v, "."); print (v[1] == 1 ? v[2] : v[1]); exit }'
}

random_cluster_id() {
  # Kafka's Uuid: 16 random bytes in URL-safe base64 without padding; not starting with '-'.
  local id
  while true; do
    id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
    [[ "$id" == -* ]] || break
  done
  printf '%s\n' "$id"
}

start_kafka() {
  local pid t0 log="$LOGS/kafka.log"
  if pid="$(live_pid "$RUN/kafka.pid" "$KAFKA_MARKER")"; then
    say "kafka: already running (pid $pid) on $HOST:$KAFKA_PORT"
    return 0
  fi
  if port_open "$KAFKA_PORT"; then
    if probe kafka "$HOST:$KAFKA_PORT" >/dev/null 2>&1; then
      say "kafka: $HOST:$KAFKA_PORT already answers (not started by services.sh): using it"
      return 0
    fi
    die "kafka: $HOST:$KAFKA_PORT is taken by a process that does not answer as a Kafka broker"
  fi
  port_open "$CONTROLLER_PORT" && die "kafka: controller port $HOST:$CONTROLLER_PORT is taken"
  t0="$(now)"
  need java "Kafka $KAFKA_VERSION needs Java 17 or newer"
  local jv
  jv="$(java_major)"
  if ! [[ "$jv" =~ ^[0-9]+$ ]] || ((jv < 17)); then
    die "kafka: Java 17 or newer needed (found '$jv')"
  fi
  fetch_kafka
  mkdir -p "$KAFKA_DATA"
  sed -e "s#@KAFKA_PORT@#$KAFKA_PORT#g" -e "s#@CONTROLLER_PORT@#$CONTROLLER_PORT#g" \
    -e "s#@LOG_DIRS@#$KAFKA_DATA#g" "$SRC/kafka/server.properties.template" >"$KAFKA_PROPS"
  if [[ ! -f "$KAFKA_DATA/meta.properties" ]]; then
    say "kafka: formatting storage $KAFKA_DATA"
    if ! java -cp "$KAFKA_LIB/*" kafka.tools.StorageTool format --ignore-formatted \
      -t "$(random_cluster_id)" -c "$KAFKA_PROPS" >"$LOGS/kafka-format.log" 2>&1; then
      tail_log "$LOGS/kafka-format.log"
      die "kafka: storage format failed"
    fi
  fi
  [[ -f "$log" ]] && mv -f "$log" "$log.1"
  launch "$RUN/kafka.pid" "$log" java "$KAFKA_MARKER" -Xms256m -Xmx512m \
    -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 \
    -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=info \
    -Dorg.slf4j.simpleLogger.showDateTime=true \
    -Dorg.slf4j.simpleLogger.dateTimeFormat="yyyy-MM-dd'T'HH:mm:ss.SSS" \
    -Dorg.slf4j.simpleLogger.log.org.apache.kafka.clients=warn \
    -Dorg.slf4j.simpleLogger.log.kafka.server.ReplicaFetcherManager=warn \
    -Dorg.slf4j.simpleLogger.log.state.change.logger=warn \
    -Dorg.slf4j.simpleLogger.log.kafka.request.logger=warn \
    -Dorg.slf4j.simpleLogger.log.kafka.log=warn \
    -Dorg.slf4j.simpleLogger.log.kafka.cluster=warn \
    -Dorg.slf4j.simpleLogger.log.kafka.server.metadata=warn \
    -Dorg.slf4j.simpleLogger.log.org.apache.kafka.storage=warn \
    -Dorg.slf4j.simpleLogger.log.org.apache.kafka.controller=warn \
    -cp "$KAFKA_LIB/*" kafka.Kafka "$KAFKA_PROPS"
  pid="$(cat "$RUN/kafka.pid")"
  record_started kafka
  KAFKA_WAIT=("$pid" "$t0")
}

finish_kafka() {
  [[ ${#KAFKA_WAIT[@]} -eq 2 ]] || return 0
  local pid="${KAFKA_WAIT[0]}" t0="${KAFKA_WAIT[1]}"
  wait_ready kafka "$KAFKA_PORT" "$pid" "$KAFKA_READY_TIMEOUT" "$LOGS/kafka.log" kafka || return 1
  say "kafka: started Apache Kafka $KAFKA_VERSION (KRaft) on $HOST:$KAFKA_PORT (pid $pid, $(since "$t0"))"
}

stop_kafka() {
  local pid
  if pid="$(live_pid "$RUN/kafka.pid" "$KAFKA_MARKER")"; then
    kill_pid "$pid" kafka
    rm -f "$RUN/kafka.pid"
    say "kafka: stopped (pid $pid)"
  else
    rm -f "$RUN/kafka.pid"
    say "kafka: not running"
  fi
}

# ---------------------------------------------------------------- commands

KAFKA_WAIT=()
FERRET_WAIT=()

want() {
  local s
  for s in "${SERVICES[@]}"; do [[ "$s" == "$1" ]] && return 0; done
  return 1
}

cmd_start() {
  need node "the readiness probes run on Node.js"
  : >"$STARTED_FILE"
  # Kafka boots while PostgreSQL starts and FerretDB builds.
  if want kafka; then start_kafka; fi
  # A MongoDB server that is not ours already answers: use it, and PostgreSQL is not needed.
  local foreign_mongo=0
  if want ferretdb && ! live_pid "$RUN/ferretdb.pid" "$FERRET_MARKER" >/dev/null &&
    port_open "$MONGO_PORT" && probe mongo "$HOST:$MONGO_PORT" >/dev/null 2>&1; then
    foreign_mongo=1
  fi
  if want postgres || { want ferretdb && ((foreign_mongo == 0)); }; then start_postgres; fi
  if want ferretdb; then start_ferretdb; fi
  local ok=0
  finish_kafka || ok=1
  finish_ferretdb || ok=1
  if ((ok != 0)); then
    warn "start failed; services started by this invocation: $(tr '\n' ' ' <"$STARTED_FILE")"
    exit 1
  fi
  if [[ ! -s "$STARTED_FILE" ]]; then
    say "services: all already running, nothing started"
  fi
}

cmd_prepare() {
  local t0
  t0="$(now)"
  if want kafka; then fetch_kafka; fi
  if want ferretdb || want postgres; then ensure_pg_installed; fi
  if want ferretdb; then build_ferretdb; fi
  say "services: prepared in $(since "$t0") (Kafka $KAFKA_VERSION jars, FerretDB $("$FERRET_BIN" -version 2>/dev/null || echo '-'), PostgreSQL in ${PG_BIN:-?})"
}

cmd_stop() {
  if want ferretdb; then stop_ferretdb; fi
  if want kafka; then stop_kafka; fi
  if want postgres; then stop_postgres; fi
}

cmd_status() {
  local pid all=0
  if pid="$(live_pid "$RUN/kafka.pid" "$KAFKA_MARKER")"; then
    say "kafka: running (pid $pid) on $HOST:$KAFKA_PORT, Apache Kafka $KAFKA_VERSION"
  elif port_open "$KAFKA_PORT"; then
    say "kafka: $HOST:$KAFKA_PORT answers, not started by services.sh"
  else
    say "kafka: not running"
    all=3
  fi
  if pid="$(pg_pid)"; then
    say "postgres: running (pid $pid) on $HOST:$PG_PORT, data $PG_DATA"
  else
    say "postgres: not running"
    all=3
  fi
  if pid="$(live_pid "$RUN/ferretdb.pid" "$FERRET_MARKER")"; then
    say "ferretdb: running (pid $pid) on $HOST:$MONGO_PORT, FerretDB $("$FERRET_BIN" -version 2>/dev/null || echo '?')"
  elif port_open "$MONGO_PORT"; then
    say "ferretdb: $HOST:$MONGO_PORT answers, not started by services.sh"
  else
    say "ferretdb: not running"
    all=3
  fi
  return "$all"
}

usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '/^set -euo/d' -e 's/^# \{0,1\}//'
}

main() {
  local cmd="${1:-}"
  [[ $# -gt 0 ]] && shift
  SERVICES=("$@")
  if [[ ${#SERVICES[@]} -eq 0 ]]; then
    # ferretdb brings postgres along when it starts one of its own.
    if [[ "$cmd" == start ]]; then SERVICES=(kafka ferretdb); else SERVICES=(kafka postgres ferretdb); fi
  fi
  local s
  for s in "${SERVICES[@]}"; do
    case "$s" in kafka | postgres | ferretdb) ;; *) die "unknown service '$s' (kafka, postgres, ferretdb)" ;; esac
  done
  case "$cmd" in
    start | stop | status | prepare) ;;
    -h | --help | help)
      usage
      return 0
      ;;
    *)
      usage >&2
      return 2
      ;;
  esac
  mkdir -p "$LOCAL" "$LOGS" "$RUN"
  # One start/stop at a time in this checkout.
  if [[ "$cmd" != status ]] && command -v flock >/dev/null 2>&1; then
    exec 9>"$LOCAL/services.lock"
    flock -w 600 9 || die "another services.sh holds $LOCAL/services.lock"
  fi
  "cmd_$cmd"
}

main "$@"
