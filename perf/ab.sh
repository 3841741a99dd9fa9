#!/usr/bin/env bash
# ab.sh -- A/B comparison of two builds of the runtime on perf/lua workloads: runs
# dev.moonstack.perf.Run (thread CPU time, mixed profile) alternately for the two class
# directories, ROUNDS JVMs each, and prints per workload the median over the JVMs of each
# JVM's best batch (us per call). On a shared machine only repeated differences count.
#
# usage: perf/ab.sh OLD_CLASSES NEW_CLASSES [ROUNDS=5] workload...
#   e.g. cp -r target/classes /tmp/old; (edit, mvn -q -o test-compile); perf/ab.sh /tmp/old target/classes 5 fib coro
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
old="$1" new="$2" rounds="${3:-5}"; shift 3
best() { java -cp "target/test-classes:$1" dev.moonstack.perf.Run "$2" 15 10 | sed 's/.*: \([0-9.]*\) us\/op cpu.*/\1/' | sort -g | head -1; }
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for w in "$@"; do
  : > /tmp/ab-old.$$; : > /tmp/ab-new.$$
  for _ in $(seq "$rounds"); do
    best "$old" "$w" >> /tmp/ab-old.$$
    best "$new" "$w" >> /tmp/ab-new.$$
  done
  o=$(median < /tmp/ab-old.$$) n=$(median < /tmp/ab-new.$$)
  awk -v w="$w" -v o="$o" -v n="$n" 'BEGIN { printf "%-14s old %10.1f  new %10.1f  %+6.1f%%\n", w, o, n, (n - o) * 100 / o }'
done
rm -f /tmp/ab-old.$$ /tmp/ab-new.$$
