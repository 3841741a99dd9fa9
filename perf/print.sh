#!/usr/bin/env bash
# print.sh -- the cost of output buffering: 10^6 lines written with print (which flushes at
# every call, as lua5.4's lua_writeline does) and with io.write (buffered), to /dev/null and
# through a pipe, with lua5.4 and with one or more builds of this runtime. Wall clock
# including JVM start-up; best and median of N runs, interleaved.
#
# usage: perf/print.sh [--runs N] [name=classpath ...]
#   e.g. perf/print.sh --runs 5 before=/tmp/base/target/classes after=target/classes
# Without builds named, uses target/classes (run `mvn -q -o compile` first).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS=5
if [[ "${1:-}" == "--runs" ]]; then RUNS="$2"; shift 2; fi
BUILDS=("$@")
[[ ${#BUILDS[@]} -eq 0 ]] && BUILDS=("ours=$ROOT/target/classes")

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
echo 'for i = 1, 1000000 do print(i) end' > "$TMP/print.lua"
echo 'for i = 1, 1000000 do io.write(i, "\n") end' > "$TMP/write.lua"

# one timed run: prints "<wall seconds> <user+sys seconds>"
timed() {
  local sink="$1"; shift
  if [[ "$sink" == pipe ]]; then
    /usr/bin/time -f "%e %U %S" -o "$TMP/t" bash -c '"$@" | cat > /dev/null' _ "$@"
  else
    /usr/bin/time -f "%e %U %S" -o "$TMP/t" "$@" > /dev/null
  fi
  awk '{ printf "%s %.2f\n", $1, $2 + $3 }' "$TMP/t"
}

summary() {  # best and median of the wall times, median of the CPU (user + sys) times, of file $1
  local wall cpu
  wall=$(cut -d' ' -f1 "$1" | sort -n | awk '{ w[NR] = $1 } END { printf "best %.2f s  median %.2f s", w[1], w[int((NR + 1) / 2)] }')
  cpu=$(cut -d' ' -f2 "$1" | sort -n | awk '{ c[NR] = $1 } END { printf "%.2f s", c[int((NR + 1) / 2)] }')
  echo "$wall  (cpu median $cpu)"
}

declare -A CMD=([lua5.4]="lua5.4")
NAMES=(lua5.4)
for b in "${BUILDS[@]}"; do
  CMD[${b%%=*}]="java -cp ${b#*=} dev.moonstack.cli.Main"
  NAMES+=("${b%%=*}")
done

for script in print write; do
  for sink in devnull pipe; do
    for name in "${NAMES[@]}"; do : > "$TMP/$name"; done
    for ((r = 0; r < RUNS; r++)); do
      for name in "${NAMES[@]}"; do
        # shellcheck disable=SC2086
        timed "$sink" ${CMD[$name]} "$TMP/$script.lua" >> "$TMP/$name"
      done
    done
    for name in "${NAMES[@]}"; do
      printf '%-6s %-7s %-8s ' "$script" "$sink" "$name"
      summary "$TMP/$name"
    done
  done
done
