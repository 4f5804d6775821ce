#!/usr/bin/env bash
# Where a JVM thread spends its wall time, by sampling its stack: bench/stack-sample.sh PID THREAD-NAME-PREFIX [SAMPLES] [INTERVAL-S]
# Each sample is one `jcmd PID Thread.print`; the thread's stack is classified by the first frame that names a known
# activity (waiting for PostgreSQL's reply, sending to it, JSON Schema validation, JSON, FSRS, Kafka, ...).
# Prints "count share activity" lines, most frequent first. Costs ~0.1-0.2 s of CPU per sample.
set -euo pipefail
PID="$1"; PREFIX="$2"; SAMPLES="${3:-30}"; INTERVAL="${4:-2}"
JCMD="${JAVA_HOME:+$JAVA_HOME/bin/}jcmd"
for _ in $(seq 1 "$SAMPLES"); do
  "$JCMD" "$PID" Thread.print 2>/dev/null | awk -v p="\"$PREFIX" 'index($0, p) == 1 {on=1; print "----"; next} on && /^$/ {on=0} on'
  sleep "$INTERVAL"
done | python3 -c '
import sys, collections
rules = [
    ("waiting for PostgreSQL (socket read)", ["SocketInputStream.read", "NioSocketImpl.read", "PGStream.receive", "VisibleBufferedInputStream"]),
    ("sending to PostgreSQL (socket write)", ["SocketOutputStream.write", "NioSocketImpl.write", "PGStream.flush", "PGStream.send"]),
    ("opening a PostgreSQL connection", ["ConnectionFactory", "PgConnection.<init>", "Driver.connect"]),
    ("pgjdbc (encoding, parsing SQL)", ["org.postgresql."]),
    ("JSON Schema validation (networknt)", ["com.networknt."]),
    ("Jackson (JSON parse / tree / write)", ["com.fasterxml.jackson."]),
    ("FSRS scheduling", ["dev.recall.progress.scheduling."]),
    ("Kafka client (poll, commit, send)", ["org.apache.kafka."]),
    ("progress-service code", ["dev.recall."]),
]
stacks, current = [], None
for line in sys.stdin:
    line = line.strip()
    if line == "----":
        current = []; stacks.append(current)
    elif current is not None and line.startswith("at "):
        current.append(line[3:])
counts = collections.Counter()
for stack in stacks:
    label = "other: " + (stack[0] if stack else "(no frames)")
    for frame in stack:
        hit = next((name for name, keys in rules if any(k in frame for k in keys)), None)
        if hit:
            label = hit; break
    counts[label] += 1
total = sum(counts.values()) or 1
for label, n in counts.most_common():
    print(f"{n:4d} {100*n/total:5.1f}% {label}")
print(f"{total:4d} samples")
'
