#!/usr/bin/env bash
# The start-up benchmark: time from JVM start to main with -javaagent:slab-agent.jar=CONFIG and without it, medians
# of alternating runs.
#
#   scripts/startup-bench.sh [--runs N] [--config FILE]
#
# Defaults: 10 runs, demo/configs/journal_handle.properties. Uses the `java` on PATH (or $JAVA_HOME/bin/java).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

echo "building (mvn -B -q -DskipTests package)..."
(cd "$root" && mvn -B -q -DskipTests package)

config=(--config "$root/demo/configs/journal_handle.properties")
for arg in "$@"; do
  [ "$arg" != "--config" ] || config=()
done
exec "$java" -cp "$root/demo/target/benchmarks.jar" dev.slabagent.demo.bench.startup.StartupBench \
  --agent "$root/agent/target/slab-agent.jar" ${config[@]+"${config[@]}"} "$@"
