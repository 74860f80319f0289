#!/usr/bin/env bash
# The A/B suite of slab-agent: every benchmark without the agent (baseline) and with the agent for each
# config of demo/configs/bench/ (new, locked, magazine, magazine-preserve, and for jbd-target's benchmarks
# magazine-frozen and magazine-frozen-nozero), each in its own forked JVM, with -prof gc.
# Writes results.json (JMH), report.md (ratios to the baseline and the issues' targets) and ratios.png.
#
#   scripts/bench.sh [--quick|--full] [--out DIR]
#
# --quick (default) takes under 5 minutes on 2 cores; --full takes about 20 and gives the figures of docs/benchmarks.md.
# DIR defaults to bench-results/<mode>. Uses the `java` on PATH (or $JAVA_HOME/bin/java).
set -euo pipefail

USAGE="usage: scripts/bench.sh [--quick|--full] [--out DIR]
  --quick    (default) one fork, short iterations: under 5 minutes on 2 cores
  --full     two forks of 5 x 1 s after 3 x 1 s warm-up: the figures of docs/benchmarks.md (about 20 minutes)
  --out DIR  where to write results.json, report.md, ratios.png (default: bench-results/<mode>)"

# Prints the usage to stderr and exits 2 (a bad command line).
usage() {
  echo "$USAGE" >&2
  exit 2
}

mode=quick
out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) mode=quick ;;
    --full) mode=full ;;
    --out)
      [ $# -ge 2 ] || { echo "error: --out needs a folder" >&2; usage; }
      out="$2"
      shift
      ;;
    -h|--help) echo "$USAGE"; exit 0 ;;
    *) echo "error: unknown argument '$1'" >&2; usage ;;
  esac
  shift
done

root="$(cd "$(dirname "$0")/.." && pwd)"
out="${out:-$root/bench-results/$mode}"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

echo "building (mvn -B -q -DskipTests package)..."
(cd "$root" && mvn -B -q -DskipTests package)

agent="$root/agent/target/slab-agent.jar"
benchmarks="$root/demo/target/benchmarks.jar"
for jar in "$agent" "$benchmarks"; do
  [ -f "$jar" ] || { echo "error: $jar was not built" >&2; exit 1; }
done

# The agent jar is on the class path of every JVM (the cache micro-benchmarks call its runtime directly);
# only the agent configurations' forks load it with -javaagent (absolute paths: forks may run elsewhere).
exec "$java" -cp "$benchmarks:$agent" dev.slabagent.demo.bench.suite.BenchCommand \
  --mode "$mode" --out "$out" --agent "$agent" --configs "$root/demo/configs/bench"
