#!/usr/bin/env bash
# jmh.sh -- runs the JMH benchmarks of perf/src (LuaBench: the perf/lua workloads) and,
# with --lua, times the same workloads under lua5.4 (perf/lua/timeit.lua) for comparison.
#
# usage: perf/jmh.sh [--lua] [--no-build] [-p script=fib,methods] [other JMH options]
#   --lua        afterwards run each selected workload under $LUA (default lua5.4) too
#   --no-build   skip "mvn -q -o test-compile" (classes already up to date)
#   -prof gc     JMH's allocation profiler (gc.alloc.rate.norm = bytes per operation)
#   anything else is passed to JMH (e.g. -wi 3 -i 5 -f 1, or a benchmark regex).
# Examples:
#   perf/jmh.sh                              # all workloads, JMH only
#   perf/jmh.sh --lua -p script=fib,loop_int # two workloads, next to lua5.4
#   perf/jmh.sh -p script=methods -prof gc   # bytes allocated per call
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
M2="${M2_REPO:-$HOME/.m2/repository}"
LUA="${LUA:-lua5.4}"
AWFY="${AWFY:-/work/shared/bench/awfy}"

build=1 withLua=0 scripts="" args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --lua) withLua=1 ;;
    --no-build) build=0 ;;
    -p) args+=("$1" "$2"); case "$2" in script=*) scripts="${2#script=}" ;; esac; shift ;;
    *) args+=("$1") ;;
  esac
  shift
done
[ $build = 1 ] && mvn -q -o test-compile

# jmh-core and its two dependencies, straight from the local repository (the dependency
# plugin cannot resolve offline here)
CP="target/test-classes:target/classes"
for jar in org/openjdk/jmh/jmh-core/1.37/jmh-core-1.37.jar \
           net/sf/jopt-simple/jopt-simple/5.0.4/jopt-simple-5.0.4.jar \
           org/apache/commons/commons-math3/3.6.1/commons-math3-3.6.1.jar; do
  [ -f "$M2/$jar" ] || { echo "missing $M2/$jar (run mvn test-compile online once)" >&2; exit 1; }
  CP="$CP:$M2/$jar"
done

java -Dmoonstack.awfy="$AWFY" -cp "$CP" org.openjdk.jmh.Main LuaBench \
  -jvmArgsAppend "-Dmoonstack.awfy=$AWFY" "${args[@]}"

if [ $withLua = 1 ]; then
  [ -n "$scripts" ] || scripts="fib,calls,loop_int,loop_float,table_array,table_hash,methods,strings,coro,awfy:Richards,awfy:DeltaBlue,awfy:Json"
  echo "# $LUA, same workloads: name, median us/op, min us/op"
  IFS=, read -ra list <<< "$scripts"
  for s in "${list[@]}"; do
    case "$s" in
      awfy:*) "$LUA" perf/lua/timeit.lua perf/lua/awfy.lua 5 "${s#awfy:}" "$AWFY" ;;
      *) "$LUA" perf/lua/timeit.lua "perf/lua/$s.lua" 5 ;;
    esac
  done
fi
