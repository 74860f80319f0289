#!/usr/bin/env bash
# The A/B suite of slab-agent: every benchmark without the agent (baseline) and with the agent for each
# config of demo/configs/bench/ (new, locked, magazine, magazine-preserve, and for jbd-target's benchmarks
# magazine-frozen and magazine-frozen-nozero), with -prof gc, one fork at a time: each round runs one fork of
# every configuration in a shuffled order, and each fork's score is one sample of the statistics (ratio of
# medians with a 95% bootstrap interval, Mann-Whitney p, verdict faster/slower/~/inconclusive; docs/ab.md).
# Writes results.json (JMH), report.md (ratios to the baseline and the issues' targets) and ratios.png.
#
#   scripts/bench.sh [--quick|--full] [--include REGEX] [--jar FILE --config CONFIG] [--out DIR]
#
# DIR defaults to bench-results/<mode>. Uses the `java` on PATH (or $JAVA_HOME/bin/java).
set -euo pipefail

USAGE="usage: scripts/bench.sh [--quick|--full] [--include REGEX] [--jar FILE --config CONFIG] [--out DIR]
  --quick          (default) 4 forks of 2 x 300 ms after 3 x 1 s warm-up per configuration
  --full           6 forks of 3 x 1 s after 3 x 1 s warm-up
  --include REGEX  only the benchmarks whose name REGEX finds (e.g. roundTrip)
  --jar FILE       your own JMH benchmarks jar, run without the agent and with --config CONFIG
  --config CONFIG  with --jar: your agent config
  --out DIR        where to write results.json, report.md, ratios.png (default: bench-results/<mode>)"

# Prints the usage to stderr and exits 2 (a bad command line).
usage() {
  echo "$USAGE" >&2
  exit 2
}

mode=quick
out=""
include="."
jar=""
config=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) mode=quick ;;
    --full) mode=full ;;
    --out)
      [ $# -ge 2 ] || { echo "error: --out needs a folder" >&2; usage; }
      out="$2"
      shift
      ;;
    --include|--jar|--config)
      [ $# -ge 2 ] || { echo "error: $1 needs a value" >&2; usage; }
      case "$1" in
        --include) include="$2" ;;
        --jar) jar="$2" ;;
        --config) config="$2" ;;
      esac
      shift
      ;;
    -h|--help) echo "$USAGE"; exit 0 ;;
    *) echo "error: unknown argument '$1'" >&2; usage ;;
  esac
  shift
done

if [ -n "$jar" ]; then
  [ -f "$jar" ] || { echo "error: --jar $jar: no such file" >&2; exit 2; }
  [ -n "$config" ] || { echo "error: --jar needs --config CONFIG (your agent config)" >&2; usage; }
  [ -f "$config" ] || { echo "error: --config $config: no such file" >&2; exit 2; }
fi
[ -z "$config" ] || [ -n "$jar" ] || { echo "error: --config needs --jar" >&2; usage; }

root="$(cd "$(dirname "$0")/.." && pwd)"
out="${out:-$root/bench-results/$mode}"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

echo "building (mvn -B -q -DskipTests package)..."
(cd "$root" && mvn -B -q -DskipTests package)

agent="$root/agent/target/slab-agent.jar"
benchmarks="$root/demo/target/benchmarks.jar"
for built in "$agent" "$benchmarks"; do
  [ -f "$built" ] || { echo "error: $built was not built" >&2; exit 1; }
done

# The agent jar is on the class path of every JVM (the cache micro-benchmarks call its runtime directly, the
# report uses its statistics); only the agent configurations' forks load it with -javaagent (absolute paths:
# forks may run elsewhere). A user's jar goes first, so that JMH finds its benchmark list.
if [ -n "$jar" ]; then
  exec "$java" -cp "$(realpath "$jar"):$benchmarks:$agent" dev.slabagent.demo.bench.suite.BenchCommand \
    --mode "$mode" --out "$out" --agent "$agent" --jar "$jar" --config "$(realpath "$config")" --include "$include"
fi
exec "$java" -cp "$benchmarks:$agent" dev.slabagent.demo.bench.suite.BenchCommand \
  --mode "$mode" --out "$out" --agent "$agent" --configs "$root/demo/configs/bench" --include "$include"
