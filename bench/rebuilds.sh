#!/usr/bin/env bash
# Quick loop for the rebuild after a `bench/run` that ran the replay part: restarts the broker on a copy of that run's
# log (bench/target/infra-replay) and progress-service on its database (recall_bench_replay, kept), then runs
# N rebuilds back to back and prints each one's wall time, the service's CPU and the bulk's split. No generation,
# no live catch-up, no ANALYZE loop: ~2 minutes for five rebuilds instead of ~9 for the replay part, for trying a
# change or a JVM option against the same log. Not a benchmark of record (BENCHMARKS.md is bench/run's).
#
#   bench/rebuilds.sh [N=5] [extra JVM options for progress-service, after the bench's own ...]
#
# REBUILDS_APP: the packaged progress-service to run (default progress-service/target/quarkus-app), so that two builds
# can be compared without copying them in turn; REBUILDS_JAVA_HOME: the JDK that runs it (default: JAVA_HOME's, or
# the java on the PATH; the broker keeps that one either way); REBUILDS_LOG: the broker's directory to copy (default
# bench/target/infra-replay), e.g. a saved one of another seed, to train a JVM on other data than it is measured on.
#
# The first rebuild or two after the restart may switch slowly (3-10 s in SWITCHING, seen when the live group still
# listed a stopped service) and the first compiles the code: compare from the third on. The copy of the log is made
# afresh each time, so the bench's own is never changed.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$ROOT/bench/target"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
SVC_JDK="${REBUILDS_JAVA_HOME:-${JAVA_HOME:-}}"
SVC_JAVA="${SVC_JDK:+$SVC_JDK/bin/}java"
APP="${REBUILDS_APP:-$ROOT/progress-service/target/quarkus-app}"
RUNS="${1:-5}"
shift || true
LOG_DIR="${REBUILDS_LOG:-$OUT/infra-replay}"
[ -d "$LOG_DIR/kafka" ] || { echo "no replay log in $LOG_DIR: run BENCH_PARTS=replay bench/run first" >&2; exit 1; }
RIG="$OUT/rebuilds"
rm -rf "$RIG"
mkdir -p "$RIG/infra"
cp -r "$LOG_DIR/kafka" "$RIG/infra/"
PIDS=()
trap 'kill "${PIDS[@]}" 2>/dev/null || true; wait 2>/dev/null || true' EXIT
"$JAVA" -Xmx512m -cp "$ROOT/local-infra/target/classes:$ROOT/local-infra/target/lib/*" dev.recall.infra.LocalInfra \
  --dir="$RIG/infra" --kafka-port=0 --controller-port=0 --state-file="$RIG/state.properties" >"$RIG/infra.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 600); do [ -f "$RIG/state.properties" ] && break; sleep 0.2; done
[ -f "$RIG/state.properties" ] || { echo "LocalInfra did not come up; see $RIG/infra.log" >&2; exit 1; }
prop() { grep "^$1=" "$RIG/state.properties" | cut -d= -f2- | sed 's/\\:/:/g'; }
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
LOG="$RIG/progress-service.log"
QUARKUS_HTTP_PORT="$PORT" QUARKUS_DATASOURCE_JDBC_URL="$(prop pg.jdbc.base)recall_bench_replay" \
QUARKUS_DATASOURCE_USERNAME="$(prop pg.user)" QUARKUS_DATASOURCE_PASSWORD="$(prop pg.password)" \
KAFKA_BOOTSTRAP_SERVERS="$(prop kafka.bootstrap.servers)" RECALL_CONSUMER_GROUP=progress-service \
  "$SVC_JAVA" -Xmx"${BENCH_REPLAY_HEAP:-3g}" -Xmn"${BENCH_REPLAY_YOUNG:-1200m}" -XX:MaxTenuringThreshold=0 -XX:+UseTransparentHugePages "$@" \
  -jar "$APP/quarkus-run.jar" >"$LOG" 2>&1 &
SVC=$!
PIDS+=("$SVC")
until curl -sf "http://127.0.0.1:$PORT/q/health/ready" >/dev/null; do
  kill -0 "$SVC" 2>/dev/null || { tail -20 "$LOG" >&2; exit 1; }
  sleep 0.1
done
ticks() { sed -E 's/^[0-9]+ \(.*\) //' "/proc/$SVC/stat" | awk '{print $12+$13}'; }
HZ="$(getconf CLK_TCK)"
for run in $(seq 1 "$RUNS"); do
  done_before="$(grep -c 'projection rebuilt' "$LOG" || true)"
  started="$(date +%s%N)"
  cpu_before="$(ticks)"
  curl -sf -XPOST "http://127.0.0.1:$PORT/admin/rebuild" >/dev/null
  until [ "$(grep -c 'projection rebuilt' "$LOG" || true)" -gt "$done_before" ]; do
    grep -q 'projection rebuild failed' "$LOG" && { tail -20 "$LOG" >&2; exit 1; }
    sleep 0.05
  done
  ms=$(( ($(date +%s%N) - started) / 1000000 ))
  cpu_ms=$(( ($(ticks) - cpu_before) * 1000 / HZ ))
  split="$(grep 'bulk replay' "$LOG" | tail -1 | grep -oE 'read, folded and streamed in [0-9]+ ms, the rest written and [0-9]+ indexes built in [0-9]+ ms')"
  states="$(grep 'projection rebuilt' "$LOG" | tail -1 | grep -oE '\(PREPARING.*\)')"
  echo "rebuild $run: $ms ms, progress-service CPU $cpu_ms ms; $split $states"
done
