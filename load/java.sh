#!/usr/bin/env bash
# Runs `java` from a JDK 21+ (the same discovery as ./symphony), whatever JDK runs Maven: the
# -Pload profile starts the orchestrator through this script.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=../scripts/find-jdk.sh
. "$root/scripts/find-jdk.sh"
if ! jdk=$(find_jdk); then
  echo "load: no JDK 21 or newer found (JAVA_HOME, java on PATH, /usr/lib/jvm)" >&2
  exit 1
fi
exec "$jdk/bin/java" "$@"
