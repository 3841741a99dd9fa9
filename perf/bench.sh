#!/usr/bin/env bash
# bench.sh -- whole-program numbers: builds the jar and runs the shared benchmark set
# (run-bench.sh: are-we-fast-yet + micro benchmarks, wall clock including JVM start-up)
# with lua5.4 and this runtime interleaved.
#
# usage: perf/bench.sh [run-bench.sh options]     e.g. --quick, --only fib,Richards --runs 5
# Set BENCH_DIR if the benchmark set is not in /work/shared/bench.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BENCH_DIR="${BENCH_DIR:-/work/shared/bench}"
mvn -q -o package -DskipTests
exec "$BENCH_DIR/run-bench.sh" "$@" lua54=lua5.4 "ours=java -jar $ROOT/target/moonstack.jar"
