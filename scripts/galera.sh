#!/usr/bin/env bash
# A 3-member MariaDB Galera cluster on loopback, for the cluster integration test and bench/cluster (not for
# production). Each member has its own datadir under DIR, its own client, group-communication, IST and SST ports on
# 127.0.0.1; the first member bootstraps the cluster (--wsrep-new-cluster), the two others join it by SST (rsync).
#
#   scripts/galera.sh start DIR [--ttl SECONDS]   start the cluster (default TTL 600 s: it stops by itself then);
#                                                 writes DIR/cluster.env and prints its lines
#   scripts/galera.sh stop DIR                    stop every member (TERM, then KILL after 15 s) and the watchdog
#   scripts/galera.sh kill DIR N                  kill -9 member N (1..3)
#   scripts/galera.sh status DIR                  wsrep status of every member still running
#
# DIR/cluster.env: PORTS=P1,P2,P3 (client ports), PIDS=..., USER=serveline (the nodes), HARNESS_USER=harness (a test's
# own queries, counted apart in information_schema.USER_STATISTICS: userstat=1), PASSWORD=..., DATABASE=serveline,
# JDBC_URL=jdbc:mariadb:sequential://127.0.0.1:P1,127.0.0.1:P2,127.0.0.1:P3/serveline
# MariaDB, galera-4 and rsync come from Debian (scripts/env.sh → serveline_galera_tools).
set -euo pipefail
SCRIPTS="$(cd "$(dirname "$0")" && pwd)"
. "$SCRIPTS/env.sh"

MEMBERS=3
DB_USER=serveline
DB_PASSWORD=serveline-galera
DB_NAME=serveline
HARNESS_USER=harness

usage() { sed -n '2,16p' "$0" >&2; exit 2; }

port_free() { ! ss -Htln "sport = :$1" 2>/dev/null | grep -q .; }

# a base port whose 4 ports per member are all free: client, gcomm, IST, SST
pick_base() {
  local base i k ok
  for _ in $(seq 1 50); do
    base=$(( 20000 + (RANDOM % 3000) * 10 ))
    ok=1
    for i in $(seq 1 $MEMBERS); do
      for k in 0 1 2 3; do port_free $(( base + i * 10 + k )) || ok=0; done
    done
    [ $ok = 1 ] && { echo "$base"; return 0; }
  done
  echo "galera.sh: no free ports found" >&2; return 1
}

client() { # client DIR N SQL...
  local dir=$1 n=$2; shift 2
  mariadb --no-defaults --protocol=socket -S "$dir/m$n/mysqld.sock" -uroot -N -B -e "$*"
}

member_status() { client "$1" "$2" "SHOW GLOBAL STATUS WHERE Variable_name IN ('wsrep_cluster_size','wsrep_local_state_comment','wsrep_ready')" 2>/dev/null | awk '{printf "%s=%s ", $1, $2}'; }

write_config() { # write_config DIR N BASE
  local dir=$1 n=$2 base=$3 i gcomm=""
  for i in $(seq 1 $MEMBERS); do gcomm="$gcomm${gcomm:+,}127.0.0.1:$(( base + i * 10 + 1 ))"; done
  local p=$(( base + n * 10 ))
  mkdir -p "$dir/m$n/data" "$dir/m$n/tmp"
  cat > "$dir/m$n/my.cnf" <<EOF
[mariadbd]
datadir=$dir/m$n/data
tmpdir=$dir/m$n/tmp
socket=$dir/m$n/mysqld.sock
pid-file=$dir/m$n/mysqld.pid
log-error=$dir/m$n/error.log
port=$p
bind-address=127.0.0.1
skip-name-resolve
default-time-zone=+00:00
character-set-server=utf8mb4
collation-server=utf8mb4_bin
max-connections=500
innodb_buffer_pool_size=96M
innodb_log_file_size=48M
innodb_flush_log_at_trx_commit=2
default_storage_engine=InnoDB
binlog_format=ROW
innodb_autoinc_lock_mode=2
wsrep_on=ON
wsrep_provider=/usr/lib/galera/libgalera_smm.so
wsrep_cluster_name=serveline-loopback
wsrep_cluster_address=gcomm://$gcomm
wsrep_node_name=m$n
wsrep_node_address=127.0.0.1:$(( p + 1 ))
wsrep_node_incoming_address=127.0.0.1:$p
wsrep_provider_options="gmcast.listen_addr=tcp://127.0.0.1:$(( p + 1 ));ist.recv_addr=127.0.0.1:$(( p + 2 ));gcache.size=64M"
wsrep_sst_method=rsync
wsrep_sst_receive_address=127.0.0.1:$(( p + 3 ))
wsrep_slave_threads=2
# per-user statement counters (information_schema.USER_STATISTICS): the harness, as its own user, is told apart
userstat=1
EOF
}

start_member() { # start_member DIR N [extra args]
  local dir=$1 n=$2; shift 2
  local as_root=()
  [ "$(id -u)" = 0 ] && as_root=(--user=root)
  # setsid: a member outlives neither the watchdog nor `stop`, but is not killed with the caller's process group
  setsid mariadbd --defaults-file="$dir/m$n/my.cnf" "${as_root[@]}" "$@" </dev/null >>"$dir/m$n/stdout.log" 2>&1 &
  echo $! > "$dir/m$n/launcher.pid"
}

wait_synced() { # wait_synced DIR N SIZE SECONDS
  local dir=$1 n=$2 size=$3 deadline=$(( SECONDS + $4 )) status=""
  while [ $SECONDS -lt $deadline ]; do
    status=$(member_status "$dir" "$n" || true)
    case " $status" in *" wsrep_cluster_size=$size "*) case " $status" in *" wsrep_local_state_comment=Synced "*)
      case " $status" in *" wsrep_ready=ON "*) return 0 ;; esac ;; esac ;; esac
    if ! kill -0 "$(cat "$dir/m$n/launcher.pid")" 2>/dev/null; then
      echo "galera.sh: member $n exited while starting; its log:" >&2; tail -30 "$dir/m$n/error.log" >&2; return 1
    fi
    sleep 0.5
  done
  echo "galera.sh: member $n not synced in time ($status); its log:" >&2; tail -30 "$dir/m$n/error.log" >&2
  return 1
}

stop_member() { # stop_member DIR N: TERM and wait (at most 60 s) for the process to exit
  local pid; pid=$(cat "$1/m$2/launcher.pid")
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.5; done
  kill -KILL "$pid" 2>/dev/null || true
}

member_pid() { cat "$1/m$2/mysqld.pid" 2>/dev/null || cat "$1/m$2/launcher.pid" 2>/dev/null; }

cmd_start() {
  local dir=$1 ttl=600
  shift
  while [ $# -gt 0 ]; do
    case "$1" in --ttl) ttl=$2; shift 2 ;; *) usage ;; esac
  done
  serveline_galera_tools
  mkdir -p "$dir"; dir=$(cd "$dir" && pwd)
  # the watchdog first, so that whatever happens below the members stop by themselves
  setsid bash -c "sleep $ttl; exec '$SCRIPTS/galera.sh' stop '$dir'" </dev/null >/dev/null 2>&1 &
  echo $! > "$dir/watchdog.pid"
  local base; base=$(pick_base)
  local as_root=()
  [ "$(id -u)" = 0 ] && as_root=(--user=root)
  for n in $(seq 1 $MEMBERS); do
    write_config "$dir" "$n" "$base"
  done
  mariadb-install-db --defaults-file="$dir/m1/my.cnf" "${as_root[@]}" --skip-test-db \
    --auth-root-authentication-method=normal >"$dir/m1/install.log" 2>&1 \
    || { echo "galera.sh: mariadb-install-db failed:" >&2; cat "$dir/m1/install.log" >&2; cmd_stop "$dir"; return 1; }
  start_member "$dir" 1 --wsrep-new-cluster
  wait_synced "$dir" 1 1 90 || { cmd_stop "$dir"; return 1; }
  client "$dir" 1 "CREATE DATABASE IF NOT EXISTS $DB_NAME CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
    CREATE USER IF NOT EXISTS '$DB_USER'@'127.0.0.1' IDENTIFIED BY '$DB_PASSWORD';
    GRANT ALL PRIVILEGES ON *.* TO '$DB_USER'@'127.0.0.1' WITH GRANT OPTION;
    CREATE USER IF NOT EXISTS '$HARNESS_USER'@'127.0.0.1' IDENTIFIED BY '$DB_PASSWORD';
    GRANT ALL PRIVILEGES ON *.* TO '$HARNESS_USER'@'127.0.0.1';"
  # The joiners receive the first member's data by SST (rsync). wsrep_sst_rsync's rsync daemon, started by a
  # mariadbd running as root, writes as `nobody`: then the joiner's (empty) datadir belongs to nobody.
  if [ "$(id -u)" = 0 ]; then
    chmod 755 "$dir"
    for n in $(seq 2 $MEMBERS); do chmod 755 "$dir/m$n"; chown nobody:nogroup "$dir/m$n/data"; done
  fi
  for n in $(seq 2 $MEMBERS); do
    start_member "$dir" "$n"
    wait_synced "$dir" "$n" "$n" 120 || { cmd_stop "$dir"; return 1; }
  done
  local ports="" pids="" hosts=""
  for n in $(seq 1 $MEMBERS); do
    ports="$ports${ports:+,}$(( base + n * 10 ))"
    hosts="$hosts${hosts:+,}127.0.0.1:$(( base + n * 10 ))"
    pids="$pids${pids:+,}$(member_pid "$dir" "$n")"
  done
  cat > "$dir/cluster.env" <<EOF
PORTS=$ports
PIDS=$pids
USER=$DB_USER
HARNESS_USER=$HARNESS_USER
PASSWORD=$DB_PASSWORD
DATABASE=$DB_NAME
JDBC_URL=jdbc:mariadb:sequential://$hosts/$DB_NAME
EOF
  cat "$dir/cluster.env"
}

cmd_stop() {
  local dir=$1 n pid
  [ -d "$dir" ] || return 0
  for n in $(seq 1 $MEMBERS); do
    pid=$(member_pid "$dir" "$n" || true)
    [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null || true
  done
  for _ in $(seq 1 30); do
    local alive=0
    for n in $(seq 1 $MEMBERS); do
      pid=$(member_pid "$dir" "$n" || true)
      [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && alive=1
    done
    [ $alive = 0 ] && break
    sleep 0.5
  done
  for n in $(seq 1 $MEMBERS); do
    pid=$(member_pid "$dir" "$n" || true)
    [ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null || true
    rm -rf "$dir/m$n/data" "$dir/m$n/tmp"
  done
  if [ -f "$dir/watchdog.pid" ]; then
    pid=$(cat "$dir/watchdog.pid"); rm -f "$dir/watchdog.pid"
    # the watchdog's own `stop` must not kill itself
    [ "$pid" != "$$" ] && [ "$pid" != "$PPID" ] && kill -- "-$pid" 2>/dev/null || true
  fi
}

cmd_kill() {
  local dir=$1 n=$2 pid
  pid=$(member_pid "$dir" "$n")
  kill -KILL "$pid"
  echo "killed member $n (pid $pid)"
}

cmd_status() {
  local dir=$1 n
  for n in $(seq 1 $MEMBERS); do echo "m$n: $(member_status "$dir" "$n" || echo down)"; done
}

[ $# -ge 2 ] || usage
case "$1" in
  start) shift; cmd_start "$@" ;;
  stop) cmd_stop "$2" ;;
  kill) [ $# = 3 ] || usage; cmd_kill "$2" "$3" ;;
  status) cmd_status "$2" ;;
  *) usage ;;
esac
