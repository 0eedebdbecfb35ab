# Sourced by ./symphony and .ci/run: find_jdk prints the home of a JDK 21 or newer, looking at
# JAVA_HOME, then `java` on the PATH, then the newest JDK in the usual install folders.
min_java=21

# Major version of the JDK at $1 (a folder with bin/java), or nothing when it is not a JDK.
java_major() {
  local home="$1" version=""
  [ -x "$home/bin/java" ] || return 0
  if [ -f "$home/release" ]; then
    version=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release")
  fi
  if [ -z "$version" ]; then
    version=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)
  fi
  version="${version#1.}" # 1.8 -> 8
  printf '%s' "${version%%[.+-]*}"
}

has_javac() { [ -x "$1/bin/javac" ]; }

find_jdk() {
  local candidate major best="" best_major=0
  if [ -n "${JAVA_HOME:-}" ]; then
    major=$(java_major "$JAVA_HOME")
    if [ -n "$major" ] && [ "$major" -ge "$min_java" ]; then
      printf '%s' "$JAVA_HOME"
      return 0
    fi
  fi
  if command -v java >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    major=$(java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge "$min_java" ] && has_javac "$candidate"; then
      printf '%s' "$candidate"
      return 0
    fi
  fi
  # SYMPHONY_JDK_SEARCH (folders, space-separated, globs allowed) replaces the usual install folders.
  local search="${SYMPHONY_JDK_SEARCH:-/usr/lib/jvm/* /usr/java/* /opt/java/* $HOME/.sdkman/candidates/java/* $HOME/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home}"
  # shellcheck disable=SC2086 # word splitting and globbing are wanted here
  for candidate in $search; do
    [ -d "$candidate" ] || continue
    major=$(java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -gt "$best_major" ]; then
      best="$candidate"
      best_major="$major"
    fi
  done
  if [ -n "$best" ] && [ "$best_major" -ge "$min_java" ]; then
    printf '%s' "$best"
    return 0
  fi
  return 1
}

