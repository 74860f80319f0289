#!/usr/bin/env bash
# The demo of the 2003 JBD journal_handle slab patch as a bytecode transform.
#   scripts/demo.sh [--dir DIR] [--writes N] [--threads T] [--seed S]
# Builds the agent, jbd-target and the demo first if their jars are missing or older than their sources,
# then runs dev.slabagent.demo.Demo. Works from any current directory.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# Each module's jar: the agent, jbd-target, and the demo (shaded with its dependencies).
declare -A JARS=([agent]=agent/target/slab-agent.jar [jbd-target]=jbd-target/target/jbd-target.jar
                 [demo]=demo/target/benchmarks.jar)

# True if a module's jar is missing or older than its sources, its pom or the root pom.
stale() {
  local module jar
  for module in "${!JARS[@]}"; do
    jar="$ROOT/${JARS[$module]}"
    [ -f "$jar" ] || return 0
    if [ -n "$(find "$ROOT/pom.xml" "$ROOT/$module/pom.xml" "$ROOT/$module/src/main" -newer "$jar" -type f -print -quit)" ]
    then
      return 0
    fi
  done
  return 1
}

if stale; then
  command -v mvn >/dev/null || { echo "demo.sh: Maven (mvn) is needed to build the project" >&2; exit 1; }
  echo "demo.sh: building the project (mvn -B -q -DskipTests package) ..." >&2
  LOG=$(mktemp)
  if ! (cd "$ROOT" && mvn -B -q -DskipTests package) >"$LOG" 2>&1; then
    cat "$LOG" >&2
    rm -f "$LOG"
    echo "demo.sh: the build failed" >&2
    exit 1
  fi
  rm -f "$LOG"
fi

JAVA=java
if [ -n "${JAVA_HOME:-}" ]; then JAVA="$JAVA_HOME/bin/java"; fi
exec "$JAVA" -Dslabagent.root="$ROOT" -cp "$ROOT/${JARS[demo]}" dev.slabagent.demo.Demo "$@"
