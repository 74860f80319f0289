#!/usr/bin/env bash
# The demo of the 2003 JBD journal_handle slab patch as a bytecode transform (issue 5).
#   scripts/demo.sh [--dir DIR] [--writes N] [--threads T] [--seed S]
# Builds the agent, jbd-target and the demo first if their jars are missing or older than their sources,
# then runs dev.slabagent.demo.Demo. Works from any current directory.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
JARS=("$ROOT/agent/target/slab-agent.jar" "$ROOT/jbd-target/target/jbd-target.jar" "$ROOT/demo/target/benchmarks.jar")

# True if a jar is missing or any source or pom of the project is newer than it.
stale() {
  local jar
  for jar in "${JARS[@]}"; do
    [ -f "$jar" ] || return 0
    if [ -n "$(find "$ROOT/pom.xml" "$ROOT"/{agent,jbd-target,demo}/pom.xml "$ROOT"/{agent,jbd-target,demo}/src \
                 -newer "$jar" -type f -print -quit 2>/dev/null)" ]; then
      return 0
    fi
  done
  return 1
}

if stale; then
  command -v mvn >/dev/null || { echo "demo.sh: Maven (mvn) is needed to build the project" >&2; exit 1; }
  echo "demo.sh: building the project (mvn -B -q -DskipTests package) ..." >&2
  (cd "$ROOT" && mvn -B -q -DskipTests package) >&2
fi

JAVA=java
if [ -n "${JAVA_HOME:-}" ]; then JAVA="$JAVA_HOME/bin/java"; fi
exec "$JAVA" -Dslabagent.root="$ROOT" -cp "$ROOT/demo/target/benchmarks.jar" dev.slabagent.demo.Demo "$@"
