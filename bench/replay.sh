# The replay part of bench/run, sourced by it (uses its functions and settings): N generated AnswerRecorded events
# read by Kafka's own ConsumerPerformance (a), then folded by progress-service (b): first its live consumer from
# offset 0 on a fresh database (b1), then, once live has caught up and its outbox is relayed, POST /admin/rebuild
# until the rebuild is DONE (b2), and the same rebuild once more on the same service (b3). Writes
# bench/target/section-replay.md.
start_infra replay
fresh_db recall_bench_replay
REPLAY_CP="$ROOT/contracts/target/classes:$TOOLS_CP"
replay() { "$JAVA" -Xmx1g -cp "$REPLAY_CP" "$ROOT/bench/Replay.java" "$@" --bootstrap="$KAFKA"; }
HZ="$(getconf CLK_TCK)"
# Objects that survive one young collection go straight to the old generation: nearly all of them are the fold's state,
# which lives until the rebuild ends, and G1 would otherwise copy them between survivor regions first (G1's pauses in a
# rebuild 1.1-1.3 s instead of 1.7-2.5 s; BENCHMARKS.md). BENCH_REPLAY_JAVA_OPTS, which comes after, can override it.
REPLAY_JVM="-Xmx$REPLAY_HEAP -XX:MaxTenuringThreshold=0"
# The heap in 2 MB pages where the kernel gives them on request (transparent huge pages in madvise mode, as here): a
# growing heap takes 512 times fewer page faults, and the fold's random probes into its 32-64 MB tables fewer TLB
# misses (bench/rebuilds.sh, alternating: warm rebuilds 6-10 % faster, lower in 11 of 12 pairs; cold ones 7 % faster on
# average but in only 6 of 10 pairs; the service's CPU about a tenth less in both; BENCHMARKS.md).
REPLAY_JVM="$REPLAY_JVM -XX:+UseTransparentHugePages"
# A fixed young generation: with G1's adaptive sizing a rebuild's young collections mostly scan the fold's old
# maps for pointers to new states (see BENCHMARKS.md), and G1 keeps the young generation small to bound them.
[ "$REPLAY_YOUNG" = adaptive ] || REPLAY_JVM="$REPLAY_JVM -Xmn$REPLAY_YOUNG"
# The JDK that runs progress-service and (d): BENCH_REPLAY_JAVA_HOME's, else the bench's own.
REPLAY_JAVA="${BENCH_REPLAY_JAVA_HOME:+$BENCH_REPLAY_JAVA_HOME/bin/java}"
REPLAY_JAVA="${REPLAY_JAVA:-$JAVA}"
# Through the environment: the version line has quotes that would end a Python string literal in the report below.
export REPLAY_JAVA_VERSION="$("$REPLAY_JAVA" -version 2>&1 | head -1)"
LOAD_BEFORE_REPLAY="$(cut -d' ' -f1-3 /proc/loadavg)"

# CPU time (utime+stime, plus reaped children: the rebuild's unpooled connections are short-lived backends) in ticks.
cpu_ticks() {
  local t=0 pid
  for pid in "$@"; do
    [ -r "/proc/$pid/stat" ] && t=$((t + $(sed -E 's/^[0-9]+ \(.*\) //' "/proc/$pid/stat" | awk '{print $12+$13+$14+$15}')))
  done
  echo "$t"
}
pg_pids() { pgrep -x postgres || true; }
children_ms() {  # sets CHILDREN_MS: user+system CPU of this shell's reaped children (run in this shell, not in $(...))
  times >"$OUT/times.txt"
  CHILDREN_MS="$(tail -1 "$OUT/times.txt" | python3 -c "import re,sys; print(sum(round((int(m)*60+float(x))*1000) for m, x in re.findall(r'(\d+)m([\d.]+)s', sys.stdin.read())))")"
}
# "<ms> <service> <postgres> <broker> <tool> <machine busy> <machine total>" ticks
snap() {
  local busy total
  read -r busy total < <(awk '/^cpu / {print $2+$3+$4+$7+$8+$9, $2+$3+$4+$5+$6+$7+$8+$9}' /proc/stat)
  # shellcheck disable=SC2046
  echo "$(now_ms) $(cpu_ticks ${SVC_PID:-}) $(cpu_ticks $(pg_pids)) $(cpu_ticks "$INFRA_PID") $(cpu_ticks ${TOOL_PID:-}) $busy $total"
}
# cores used by each between two snapshots: "service postgres broker tool machine"
cores() {
  python3 - "$1" "$2" "$HZ" "$(nproc)" <<'PY'
import sys
a = list(map(int, sys.argv[1].split())); b = list(map(int, sys.argv[2].split())); hz = int(sys.argv[3]); n = int(sys.argv[4])
wall = (b[0] - a[0]) / 1000.0
c = [max(0, b[i] - a[i]) / hz / wall for i in range(1, 5)]
machine = (b[5] - a[5]) / max(1, b[6] - a[6]) * n
print(" ".join(f"{x:.2f}" for x in c + [machine]))
PY
}
pg_stats() {  # projection rows inserted/updated, index scans, sequential scans; commits; outbox rows inserted
  psql -At -F' ' -d recall_bench_replay -c "SELECT coalesce(sum(n_tup_ins),0), coalesce(sum(n_tup_upd),0),
    coalesce(sum(idx_scan),0), coalesce(sum(seq_scan),0), (SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()),
    (SELECT coalesce(sum(n_tup_ins),0) FROM pg_stat_user_tables WHERE relname = 'outbox')
    FROM pg_stat_user_tables WHERE relname NOT IN ('outbox', 'flyway_schema_history')"
}
pg_table_stats() {
  psql -d recall_bench_replay -c "SELECT schemaname, relname, n_tup_ins, n_tup_upd, n_tup_del, idx_scan, seq_scan,
    last_analyze, last_autoanalyze FROM pg_stat_user_tables ORDER BY schemaname, relname" \
    -c "SELECT schemaname, relname, indexrelname, idx_scan, idx_tup_read FROM pg_stat_user_indexes ORDER BY 1, 2, 3"
}
# Table statistics while progress-service folds: see analyze_loop in bench/run.
rate() { python3 -c "import sys; n=float(sys.argv[1]); ms=float(sys.argv[2]); print(f'{n/(ms/1000):.0f}' if ms > 0 else 'n/a')" "$1" "$2"; }
# The service's log line of the last bulk replay (quotes escaped for the section's Python), and its rebuild ends.
last_bulk_log() { grep -oP '(?<=bulk replay: ).*' "$OUT/replay-progress-service.log" | tail -1 | sed 's/"/\\"/g'; }
rebuild_ends() { grep -E 'projection rebuilt from offset 0|projection rebuild failed' "$OUT/replay-progress-service.log"; }

# ---- generate: decks first, then the answers ----
echo "replay: generating $REPLAY_EVENTS AnswerRecorded events ($REPLAY_LEARNERS learners, $REPLAY_DECKS decks of $REPLAY_ITEMS items, seed $REPLAY_SEED)"
replay generate --events="$REPLAY_EVENTS" --learners="$REPLAY_LEARNERS" --decks="$REPLAY_DECKS" --items="$REPLAY_ITEMS" \
  --seed="$REPLAY_SEED" | tee "$OUT/replay-generate.log"
QUIZ_RECORDS="$(replay count --topics=recall.quiz-events)"
DECK_RECORDS="$(replay count --topics=recall.deck-events)"
[ "$QUIZ_RECORDS" = "$REPLAY_EVENTS" ] || { echo "recall.quiz-events holds $QUIZ_RECORDS records, not $REPLAY_EVENTS" >&2; exit 1; }
TOPIC_MB="$(du -sm "$OUT/infra-replay" | cut -f1)"

# ---- (a) Kafka's own ConsumerPerformance on recall.quiz-events, nothing else running ----
"$JAVA" -Xmx512m -cp "$TOOLS_CP" org.apache.kafka.tools.ConsumerPerformance --bootstrap-server "$KAFKA" \
  --topic recall.quiz-events --messages "$REPLAY_EVENTS" --group bench-consumer-performance --timeout 60000 \
  >"$OUT/replay-consumer-performance.log" 2>&1 &
TOOL_PID=$!
PIDS+=("$TOOL_PID")
SNAP_A0="$(snap)"
children_ms
CHILDREN_MS0="$CHILDREN_MS"
wait "$TOOL_PID"
# The tool's own CPU: it has exited, so it is read from this shell's reaped children (bash's times).
children_ms
TOOL_CPU_MS=$((CHILDREN_MS - CHILDREN_MS0))
SNAP_A1="$(snap)"
TOOL_PID=
cat "$OUT/replay-consumer-performance.log"
# start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
read -r PERF_MSGS PERF_RATE PERF_MB PERF_REBALANCE_MS PERF_FETCH_MS PERF_FETCH_RATE < <(python3 - "$OUT/replay-consumer-performance.log" <<'PY'
import sys
lines = [l.strip() for l in open(sys.argv[1]) if l.strip()]
head = next(i for i, l in enumerate(lines) if l.startswith("start.time"))
names = [x.strip() for x in lines[head].split(",")]
# the first line of values after the header (a JVM may print warnings between them)
row = next(l for l in lines[head + 1:] if l[:1].isdigit())
values = dict(zip(names, [x.strip() for x in row.split(",")]))
print(values["data.consumed.in.nMsg"], round(float(values["nMsg.sec"])), values["data.consumed.in.MB"],
      values["rebalance.time.ms"], values["fetch.time.ms"], round(float(values["fetch.nMsg.sec"])))
PY
)
PERF_CORES="$(cores "$SNAP_A0" "$SNAP_A1")"
PERF_WALL_MS=$(( $(echo "$SNAP_A1" | cut -d' ' -f1) - $(echo "$SNAP_A0" | cut -d' ' -f1) ))
PERF_CORES="$(echo "$PERF_CORES" | awk -v t="$TOOL_CPU_MS" -v w="$PERF_WALL_MS" '{$4=sprintf("%.2f", t/w); print}')"

# ---- (d) the CPU per event of each stage of reading and folding, on one thread (bench/StageCost.java) ----
SVC_CP="$ROOT/progress-service/target/quarkus-app/app/*:$ROOT/progress-service/target/quarkus-app/lib/main/*"
STAGES="$("$REPLAY_JAVA" -Xmx2g -cp "$SVC_CP" "$ROOT/bench/StageCost.java" --bootstrap="$KAFKA" --events=200000 2>/dev/null | grep '^events=')"
echo "stage cost: $STAGES"
stage() { echo "$STAGES" | grep -oP "(?<![a-z])$1=\K[0-9.]+"; }

# ---- (b1) progress-service's live consumer from offset 0 on a fresh database ----
replay await --group=progress-service --timeout=PT3H >"$OUT/replay-await-live.log" 2>&1 &
AWAIT_PID=$!
PIDS+=("$AWAIT_PID")
until grep -q '^watching' "$OUT/replay-await-live.log"; do
  kill -0 "$AWAIT_PID" 2>/dev/null || { cat "$OUT/replay-await-live.log" >&2; exit 1; }
  sleep 0.1
done
start_analyze replay recall_bench_replay
SVC_PORT="$(free_port)"
SVC_START="$(now_ms)"
QUARKUS_HTTP_PORT="$SVC_PORT" QUARKUS_DATASOURCE_JDBC_URL="${PG_BASE}recall_bench_replay" QUARKUS_DATASOURCE_USERNAME="$PG_USER" \
QUARKUS_DATASOURCE_PASSWORD="$(prop pg.password)" KAFKA_BOOTSTRAP_SERVERS="$KAFKA" RECALL_CONSUMER_GROUP=progress-service \
  "$REPLAY_JAVA" $REPLAY_JVM ${BENCH_REPLAY_JAVA_OPTS:-} -jar "$ROOT/progress-service/target/quarkus-app/quarkus-run.jar" >"$OUT/replay-progress-service.log" 2>&1 &
SVC_PID=$!
PIDS+=("$SVC_PID")
until curl -sf "http://127.0.0.1:$SVC_PORT/q/health/ready" >/dev/null; do
  kill -0 "$SVC_PID" 2>/dev/null || { echo "progress-service exited; see $OUT/replay-progress-service.log" >&2; exit 1; }
  sleep 0.05
done
SVC_READY="$(now_ms)"
SNAP_L0="$(snap)"
LIVE_AT_READY="$(psql -At -d recall_bench_replay -c 'SELECT count(*) FROM processed_events')"
while kill -0 "$AWAIT_PID" 2>/dev/null; do
  kill -0 "$SVC_PID" 2>/dev/null || { echo "progress-service exited; see $OUT/replay-progress-service.log" >&2; exit 1; }
  sleep 0.2
done
SNAP_L1="$(snap)"
wait "$AWAIT_PID" || { cat "$OUT/replay-await-live.log" >&2; exit 1; }
LIVE_DONE="$(sed -nE 's/^caught up at=([0-9]+).*/\1/p' "$OUT/replay-await-live.log")"
LIVE_MS=$((LIVE_DONE - SVC_READY))
LIVE_APPLIED="$(psql -At -d recall_bench_replay -c 'SELECT count(*) FROM processed_events')"
LIVE_RATE="$(rate $((LIVE_APPLIED - LIVE_AT_READY)) "$LIVE_MS")"
LIVE_CORES="$(cores "$SNAP_L0" "$SNAP_L1")"
# The relay publishes what the live consumer announced (ItemScheduled, MasteryChanged) before the rebuild starts.
DRAIN_START="$(now_ms)"
until [ "$(psql -At -d recall_bench_replay -c 'SELECT count(*) FROM outbox')" = 0 ]; do sleep 1; done
DRAIN_MS=$(( $(now_ms) - DRAIN_START ))
sleep 2
LIVE_STATS="$(pg_stats)"
pg_table_stats >"$OUT/replay-tables-after-live.txt"
ANNOUNCED="$(replay count --topics=recall.progress-events)"

# ---- (b2) POST /admin/rebuild until it is DONE ----
# GET /admin/projection hashes every projection table on each call, so it is asked once the service's log says the
# rebuild ended (polled every 0.2 s), not in a loop that would compete with the rebuild for the CPU.
SNAP_R0="$(snap)"
REBUILD_START="$(now_ms)"
curl -sf -XPOST "http://127.0.0.1:$SVC_PORT/admin/rebuild" >"$OUT/replay-rebuild-accepted.json"
until [ "$(rebuild_ends | wc -l)" -ge 1 ]; do
  kill -0 "$SVC_PID" 2>/dev/null || { echo "progress-service exited; see $OUT/replay-progress-service.log" >&2; exit 1; }
  sleep 0.2
done
REBUILD_END="$(now_ms)"
SNAP_R1="$(snap)"
REBUILD_MS=$((REBUILD_END - REBUILD_START))
REBUILD_CORES="$(cores "$SNAP_R0" "$SNAP_R1")"
GET_START="$(now_ms)"
curl -sf --max-time 120 "http://127.0.0.1:$SVC_PORT/admin/projection" >"$OUT/replay-projection.json" || true
GET_MS=$(( $(now_ms) - GET_START ))
cat "$OUT/replay-projection.json"; echo
read -r REBUILD_STATE REBUILD_APPLIED REBUILD_SERVER_MS PROJECTION_DEAD < <(python3 - "$OUT/replay-projection.json" "$OUT/replay-progress-service.log" <<'PY'
import json, re, sys
from datetime import datetime
try:
    p = json.load(open(sys.argv[1]))
    r = p["rebuild"]
    ms = (datetime.fromisoformat(r["finishedAt"].replace("Z", "+00:00")) - datetime.fromisoformat(r["startedAt"].replace("Z", "+00:00"))).total_seconds() * 1000
    print(r["state"], r["eventsApplied"], round(ms), p["deadLettered"])
except Exception:
    m = re.search(r"projection rebuilt from offset 0 with (\d+) events", open(sys.argv[2]).read())
    print("DONE(log)" if m else "FAILED", m.group(1) if m else 0, 0, "?")
PY
)
REBUILD_RATE="$(rate "$REBUILD_APPLIED" "$REBUILD_MS")"
sleep 2
REBUILD_STATS="$(pg_stats)"
pg_table_stats >"$OUT/replay-tables-after-rebuild.txt"
REBUILD_BULK_LOG="$(last_bulk_log)"
REBUILD_STATES="$(grep -oP '(?<=now live on the rebuilt tables \().*(?=\))' "$OUT/replay-progress-service.log" | tail -1)"

# ---- (b3) the same rebuild again on the same service, whose JIT compilers have seen a whole rebuild by now ----
# REPLAY_WARM_RUNS times, one after another: this machine's speed moves by a fifth between runs minutes apart, so the
# row reports the median of them and the text lists each.
WARM_WALLS=()
: >"$OUT/replay-warm-runs.txt"
for run in $(seq 1 "$REPLAY_WARM_RUNS"); do
  SNAP_W0="$(snap)"
  WARM_START="$(now_ms)"
  curl -sf -XPOST "http://127.0.0.1:$SVC_PORT/admin/rebuild" >/dev/null
  until [ "$(rebuild_ends | wc -l)" -ge $((run + 1)) ]; do
    kill -0 "$SVC_PID" 2>/dev/null || { echo "progress-service exited; see $OUT/replay-progress-service.log" >&2; exit 1; }
    sleep 0.2
  done
  ms=$(( $(now_ms) - WARM_START ))
  SNAP_W1="$(snap)"
  applied="$(grep -oP '(?<=projection rebuilt from offset 0 with )[0-9]+' "$OUT/replay-progress-service.log" | tail -1)"
  rebuild_ends | tail -1 | grep -q 'rebuilt' || applied=0  # this rebuild failed: no rate
  WARM_WALLS+=("$ms")
  echo "warm rebuild $run: $ms ms, ${applied:-0} events"
  echo "$ms ${applied:-0} $(cores "$SNAP_W0" "$SNAP_W1" | tr ' ' ,) $(last_bulk_log | tr ' ' '~')" >>"$OUT/replay-warm-runs.txt"
done
# the median run's figures (sorted by wall time; with an even count, the faster of the middle two)
read -r WARM_MS WARM_APPLIED WARM_CORES WARM_BULK_LOG < <(sort -n "$OUT/replay-warm-runs.txt" \
  | sed -n "$(( (REPLAY_WARM_RUNS + 1) / 2 ))p")
WARM_CORES="$(echo "$WARM_CORES" | tr , ' ')"
WARM_BULK_LOG="$(echo "$WARM_BULK_LOG" | tr '~' ' ')"
WARM_RATE="$(rate "$WARM_APPLIED" "$WARM_MS")"
WARM_ALL="$(IFS=/; echo "${WARM_WALLS[*]}")"
SVC_PEAK_MB="$(rss_mb "$SVC_PID" VmHWM || echo 0)"
stop_analyze replay
DLQ="$(replay count --topics=recall.quiz-events.dlq,recall.deck-events.dlq)"
kill "$SVC_PID"; wait "$SVC_PID" 2>/dev/null || true
SVC_PID=
# ---- (c) PostgreSQL alone writing the rebuilt rows set-based: the floor for a perfectly batched rebuild ----
# Empty copies (same columns, indexes and keys) of the tables a rebuild writes, filled by one INSERT ... SELECT each
# in one transaction: no round trip per row, no Kafka, no JSON, no FSRS.
BULK_START="$(now_ms)"
psql -q -d recall_bench_replay -v ON_ERROR_STOP=1 >/dev/null <<'SQL'
DROP SCHEMA IF EXISTS bench_bulk CASCADE;
CREATE SCHEMA bench_bulk;
CREATE TABLE bench_bulk.processed_events (LIKE public.processed_events INCLUDING ALL);
CREATE TABLE bench_bulk.answers (LIKE public.answers INCLUDING ALL);
CREATE TABLE bench_bulk.learner_items (LIKE public.learner_items INCLUDING ALL);
BEGIN;
INSERT INTO bench_bulk.processed_events SELECT * FROM public.processed_events;
INSERT INTO bench_bulk.answers SELECT * FROM public.answers;
INSERT INTO bench_bulk.learner_items SELECT * FROM public.learner_items;
COMMIT;
SQL
BULK_MS=$(( $(now_ms) - BULK_START ))
BULK_ROWS="$(psql -At -d recall_bench_replay -c "SELECT (SELECT count(*) FROM bench_bulk.processed_events) + (SELECT count(*) FROM bench_bulk.answers) + (SELECT count(*) FROM bench_bulk.learner_items)")"
psql -q -d recall_bench_replay -c 'DROP SCHEMA bench_bulk CASCADE' >/dev/null
BULK_RATE="$(rate "$REBUILD_APPLIED" "$BULK_MS")"
stop_infra
LOAD_AFTER_REPLAY="$(cut -d' ' -f1-3 /proc/loadavg)"

# ---- section ----
python3 - "$OUT/section-replay.md" <<PY
import os, sys
N = int("$REPLAY_EVENTS")
perf_rate = float("$PERF_RATE"); live_rate = float("$LIVE_RATE" or 0); rebuild_rate = float("$REBUILD_RATE" or 0)
warm_rate = float("$WARM_RATE" or 0); warm_cores = "$WARM_CORES".split(); warm_events = int("$WARM_APPLIED")
live_stats = list(map(int, "$LIVE_STATS".split())); rebuild_stats = list(map(int, "$REBUILD_STATS".split()))
perf_cores = "$PERF_CORES".split(); live_cores = "$LIVE_CORES".split(); rebuild_cores = "$REBUILD_CORES".split()
live_events = int("$LIVE_APPLIED") ; rebuild_events = int("$REBUILD_APPLIED")
# After the switch the rebuilt tables are the live ones and carry their own counters; the live ones are dropped.
live_per = [x / max(1, live_events) for x in live_stats]
reb_per = [x / max(1, rebuild_events) for x in rebuild_stats]
def hours(rate): return f"{N / rate / 60:.1f} min" if rate else "n/a"
def one_m(rate): return f"{1_000_000 / rate / 60:.1f} min" if rate else "n/a"
out = []
w = out.append
w("## Replay")
w("")
w(f"Measured on $RUN_STARTED at commit $COMMIT; load average before the replay $LOAD_BEFORE_REPLAY, after it $LOAD_AFTER_REPLAY.")
w("")
w(f"**N = {N:,} \`AnswerRecorded\` events** generated by \`bench/Replay.java\` (seed $REPLAY_SEED) into \`recall.quiz-events\`")
w(f"(3 partitions, keyed by learner id as quiz-service's outbox keys them), after {int('$DECK_RECORDS')} \`recall.deck.published\` events")
w(f"into \`recall.deck-events\` (keyed by deck id, as deck-service's outbox): $REPLAY_DECKS decks of $REPLAY_ITEMS items, each deck 20 flashcards")
w("(ratings AGAIN/HARD/GOOD/EASY), 12 single-answer multiple choice, 5 true/false, 4 free response (3 concepts),")
w("4 short answer (one half-credit answer), 3 numeric, 2 matching (4 pairs) per 50 items, levels 40/35/25 %;")
w(f"$REPLAY_LEARNERS learners enrolled in 1–4 decks (popularity 1/rank), sessions of 8–25 items, answers seconds apart,")
w("sessions 8 h to days apart, correctness rising with each learner's attempts at an item. Built with the contracts'")
w("records, serialised with \`Json.MAPPER\`; every deck and the first 2,000 and every 500th answer are checked against the")
w(f"schemas by the generator, and progress-service validates all of them. Topic data on disk: {int('$TOPIC_MB')} MiB.")
w("")
w(f"PostgreSQL's autovacuum: {'$AUTOVACUUM'}. "
  + (f"Every $ANALYZE_EVERY s while progress-service folded, the bench analyzed the tables that autovacuum's default thresholds"
     f" would (changed rows > 50 + 10 %; not the rebuild's own schema, which the rebuild analyzes itself): {int('$ANALYZE_RUNS')} ANALYZEs, {int('$ANALYZE_MS')/1000:.1f} s in all (counted in PostgreSQL's CPU below). Without them the plans cached on the fresh tables use the wrong indexes (see below)."
     if "$ANALYZE_EVERY" != "0" else "The bench did not analyze the tables (\`BENCH_ANALYZE=0\`): the planner had no statistics for them."))
w("")
w("\`\`\`")
w(open("$OUT/replay-generate.log").read().strip())
w("\`\`\`")
w("")
w("| figure | events | wall s | events/s | cores: progress-service / PostgreSQL / broker / tool | machine busy (of $(nproc)) |")
w("|---|---:|---:|---:|---|---:|")
w(f"| (a) Kafka's \`ConsumerPerformance\`, \`recall.quiz-events\` | {int('$PERF_MSGS'):,} | {int('$PERF_MSGS')/perf_rate:.1f} | **{perf_rate:,.0f}** | – / – / {perf_cores[2]} / {perf_cores[3]} | {perf_cores[4]} |")
w(f"| (b1) progress-service live consumer from offset 0 (ready → group caught up) | {live_events - int('$LIVE_AT_READY'):,} | {int('$LIVE_MS')/1000:.1f} | **{live_rate:,.0f}** | {live_cores[0]} / {live_cores[1]} / {live_cores[2]} / – | {live_cores[4]} |")
w(f"| (b2) \`POST /admin/rebuild\` → DONE ({'$REBUILD_STATE'}) | {rebuild_events:,} | {int('$REBUILD_MS')/1000:.1f} | **{rebuild_rate:,.0f}** | {rebuild_cores[0]} / {rebuild_cores[1]} / {rebuild_cores[2]} / – | {rebuild_cores[4]} |")
w(f"| (b3) the same rebuild again, same service (median of {int('$REPLAY_WARM_RUNS')}) | {warm_events:,} | {int('$WARM_MS')/1000:.1f} | **{warm_rate:,.0f}** | {warm_cores[0]} / {warm_cores[1]} / {warm_cores[2]} / – | {warm_cores[4]} |")
w("")
w(f"**Ratio (b2)/(a) = {rebuild_rate / perf_rate:.4f}** (target ≥ 0.25); (b3)/(a) = {warm_rate / perf_rate:.4f}; (b1)/(a) = {live_rate / perf_rate:.4f}. "
  "Target ≥ 100,000 events/s: " + ("met by the first rebuild (b2)" if rebuild_rate >= 100000
  else "met by the warm rebuild (b3), not by the first (b2)" if warm_rate >= 100000 else "not met by the rebuild") + ".")
w("")
w(f"- (a): \`org.apache.kafka.tools.ConsumerPerformance\` from \`kafka-tools\` $(grep -oP '(?<=<kafka.version>)[^<]+' "$ROOT/pom.xml") (\`bench/pom.xml\`), its defaults, one fresh group;"
  f" {float('$PERF_MB'):.1f} MB; its own split: group join {int('$PERF_REBALANCE_MS')} ms, fetching {int('$PERF_FETCH_MS')} ms = {int('$PERF_FETCH_RATE'):,} events/s."
  " It reads bytes and deserialises nothing.")
w(f"- (b1): from \`/q/health/ready\` (events already applied then: {int('$LIVE_AT_READY')}) until the group \`progress-service\` has committed the"
  f" end offsets of both topics (Admin API, polled every 0.2 s); events = rows in \`processed_events\`. Start-up to ready: {(int('$SVC_READY') - int('$SVC_START'))/1000:.1f} s."
  f" The live consumer announces every answer (\`ItemScheduled\`, and \`MasteryChanged\` when seen/mastered changes) through the outbox:"
  f" {int('$ANNOUNCED'):,} records reached \`recall.progress-events\`; the relay finished {int('$DRAIN_MS')/1000:.1f} s after the catch-up.")
w(f"- (b2): from \`POST /admin/rebuild\` until the service logs the end of the rebuild (then one \`GET /admin/projection\`:"
  f" state {'$REBUILD_STATE'}, eventsApplied {rebuild_events:,}, the service's own startedAt → finishedAt {int('$REBUILD_SERVER_MS')/1000:.1f} s;"
  f" that one GET took {int('$GET_MS')/1000:.1f} s because it hashes every projection table, which is why it is not polled)."
  " The live consumer had caught up and its outbox was relayed first, so nothing else ran; everything below the live"
  " group's committed offsets is folded in memory (state FOLDING), answers and processed events streamed by binary COPY into"
  " tables without indexes, learner items copied at the end, indexes built after the rows; it announces nothing."
  f" The service's log: $REBUILD_BULK_LOG; states $REBUILD_STATES.")
w(f"- (b3): {int('$REPLAY_WARM_RUNS')} more \`POST /admin/rebuild\` one after another right after (b2), on the same service and the"
  " same log, each timed the same way: what a rebuild costs once the JIT compilers have compiled the fold and the COPY path"
  f" (the first one also compiles them). Wall times $WARM_ALL ms; the row is the median run, whose log says: $WARM_BULK_LOG.")
w(f"- (c) PostgreSQL alone, set-based: copying the rebuilt \`processed_events\`, \`answers\` and \`learner_items\` ({int('$BULK_ROWS'):,} rows) into empty"
  f" copies with the same indexes, one \`INSERT … SELECT\` each, took {int('$BULK_MS')/1000:.1f} s = **{float('$BULK_RATE'):,.0f} events/s**: the ceiling"
  " for writing these rows into indexed tables in one statement each (no Kafka, JSON or FSRS in it); the rebuild's COPY"
  " into unindexed tables with the indexes built afterwards does less work than this.")
w(f"- (d) CPU per event on one thread, over the first {int('$(stage events)'):,} records (\`bench/StageCost.java\`, second of two passes):"
  f" the general path's JSON tree {float('$(stage tree)'):.2f} µs, schema validation {float('$(stage validate)'):.2f} µs, envelope and typed data"
  f" {float('$(stage bind)'):.2f} µs; the bulk's read {float('$(stage read)'):.2f} µs ({float('$(stage onepass)'):.2%} of the records read in one pass by"
  f" \`AnswerRecordedReader\`, the rest by the general path), fold (FSRS, dedupe, history) {float('$(stage fold)'):.2f} µs: {float('$(stage total)'):.2f} µs in all,"
  f" so one core reads and folds at most {1e6 / float('$(stage total)'):,.0f} events/s before anything is written.")
w(f"- dead letters: **{int('$DLQ')}** records in \`recall.quiz-events.dlq\` + \`recall.deck-events.dlq\` (service counter: {'$PROJECTION_DEAD'})."
  f" progress-service on {os.environ['REPLAY_JAVA_VERSION']}, \`$REPLAY_JVM${BENCH_REPLAY_JAVA_OPTS:+ $BENCH_REPLAY_JAVA_OPTS}\`, peak RSS {int('$SVC_PEAK_MB')} MiB.")
w(f"- PostgreSQL work per event (\`pg_stat_user_tables\` of \`recall_bench_replay\`, rows inserted / updated / index scans / commits):"
  f" live {live_per[0]:.2f} / {live_per[1]:.2f} / {live_per[2]:.2f} / {live_per[4]:.4f}, plus {live_per[5]:.2f} outbox rows;"
  f" rebuild {reb_per[0]:.2f} / {reb_per[1]:.2f} / {reb_per[2]:.2f} / {(rebuild_stats[4] - live_stats[4]) / max(1, rebuild_events):.4f}"
  " (plus one index lookup per event in the live \`processed_events\`, not counted: that table is dropped at the switch)."
  " Per table: \`bench/target/replay-tables-after-*.txt\`.")
if N < 1_000_000:
    w(f"- At these rates 1,000,000 events would take {one_m(live_rate)} live and {one_m(rebuild_rate)} to rebuild (linear extrapolation;"
      " the tables and their indexes grow, so a floor).")
w("")
open(sys.argv[1], "w").write("\n".join(out) + "\n")
PY
cat "$OUT/section-replay.md"
