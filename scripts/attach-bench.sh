#!/usr/bin/env bash
# The attach benchmark: time from the start of `java -jar slab-agent.jar attach PID CONFIG` to the first
# slab hit in a running jbd-target workload, and the longest write() during the attach vs before it. Each run is a
# fresh workload JVM: a first attach (loads the agent), then detach and a re-attach.
#
#   scripts/attach-bench.sh [--runs N] [--config FILE]
#
# Defaults: 3 runs, demo/configs/journal_handle.properties. Uses the `java` on PATH (or $JAVA_HOME/bin/java).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

echo "building (mvn -B -q -DskipTests package)..."
(cd "$root" && mvn -B -q -DskipTests package)

config=(--config "$root/demo/configs/journal_handle.properties")
for arg in "$@"; do
  [ "$arg" != "--config" ] || config=()
done
exec "$java" -cp "$root/demo/target/benchmarks.jar" dev.slabagent.demo.bench.attach.AttachBench \
  --agent "$root/agent/target/slab-agent.jar" ${config[@]+"${config[@]}"} "$@"
