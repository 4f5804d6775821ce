#!/usr/bin/env python3
"""Cores used per process group while bench/run's ingest part runs, and CPU per answer:
python3 bench/cpu-split.py [INTERVAL-S] [COUNT]   (run from the worktree whose bench/run is running)
Groups: this worktree's quiz-, deck-, progress-service (their quarkus-run.jar), its broker (LocalInfra), the load
generator (Ingest.java); PostgreSQL backends by database (pg-quiz, pg-progress, pg-deck: recall_bench_*), pg-other
(other databases' backends: other people's work on the same server), pg-bg (postmaster, WAL writer, checkpointer, ...);
machine (/proc/stat). A process that exits between two samples loses its last ticks (clamped at 0).
Each line: cores used per group over the interval, answers inserted in it (pg_stat_user_tables), and ms of CPU
per answer for quiz-service, its PostgreSQL backends and the whole machine."""
import os, subprocess, sys, time
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HZ = os.sysconf('SC_CLK_TCK')
GROUPS = [('quiz', ROOT + '/quiz-service/target'), ('deck', ROOT + '/deck-service/target'),
          ('progress', ROOT + '/progress-service/target'), ('broker', ROOT + '/local-infra/target'),
          ('loadgen', ROOT + '/bench/Ingest.java')]
PG = [('pg-quiz', 'recall_bench_quiz'), ('pg-prog', 'recall_bench_progress'), ('pg-deck', 'recall_bench_deck')]
KEYS = [g for g, _ in GROUPS] + [g for g, _ in PG] + ['pg-other', 'pg-bg', 'rest']

def answers():
    try:
        out = subprocess.run(['psql', '-h', '127.0.0.1', '-U', 'postgres', '-At', '-d', 'recall_bench_quiz', '-c',
                              "SELECT n_tup_ins FROM pg_stat_user_tables WHERE relname = 'answers'"],
                             capture_output=True, text=True, timeout=5).stdout.strip()
        return int(out or 0)
    except Exception:
        return 0

def sample():
    ticks = {}
    for pid in os.listdir('/proc'):
        if not pid.isdigit():
            continue
        try:
            with open(f'/proc/{pid}/stat') as f:
                stat = f.read()
            with open(f'/proc/{pid}/cmdline', 'rb') as f:
                cmd = f.read().replace(b'\0', b' ').decode(errors='replace')
        except OSError:
            continue
        comm = stat[stat.index('(') + 1:stat.rindex(')')]
        fields = stat[stat.rindex(')') + 2:].split()
        t = int(fields[11]) + int(fields[12])
        key = next((g for g, needle in GROUPS if needle in cmd), None)
        if key is None and (comm == 'postgres' or cmd.startswith('postgres')):
            key = next((g for g, db in PG if f' {db} ' in cmd), None)
            if key is None:
                key = 'pg-other' if '127.0.0.1(' in cmd or '[local]' in cmd else 'pg-bg'
        ticks[(key or 'rest', pid)] = t
    with open('/proc/stat') as f:
        cpu = list(map(int, f.readline().split()[1:]))
    return time.time(), ticks, sum(cpu[:3]) + sum(cpu[5:8]), answers()

interval = float(sys.argv[1]) if len(sys.argv) > 1 else 5
count = int(sys.argv[2]) if len(sys.argv) > 2 else 1000000
print(' '.join(f'{k:>8}' for k in ['time'] + KEYS + ['machine', 'answers', 'msQuiz/a', 'msPgQ/a', 'msAll/a']), flush=True)
a = sample()
for _ in range(count):
    time.sleep(interval)
    b = sample()
    wall = b[0] - a[0]
    used = {k: 0 for k in KEYS}
    for (k, pid), t in b[1].items():
        used[k] += max(0, t - a[1].get((k, pid), t if k == 'rest' else 0)) / HZ
    machine = (b[2] - a[2]) / HZ
    n = b[3] - a[3]
    per = lambda s: f'{1000 * s / n:8.2f}' if n > 0 else '       -'
    print(time.strftime('%H:%M:%S') + ' ' + ' '.join(f'{used[k] / wall:8.2f}' for k in KEYS)
          + f' {machine / wall:8.2f} {n:8d} ' + per(used['quiz']) + ' ' + per(used['pg-quiz']) + ' ' + per(machine),
          flush=True)
    a = b
