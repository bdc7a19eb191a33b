# shellcheck shell=bash
# Finds a JDK of at least SEXTANT_MIN_JAVA (25) and exports JAVA_HOME and JAVA to it.
# Sourced by ./sextant and ./run-tests. Looks at, in order: $JAVA_HOME, the `java` on PATH,
# then the usual install folders (newest first). Fails with a message saying what it found.

SEXTANT_MIN_JAVA="${SEXTANT_MIN_JAVA:-25}"

# The major version of the JDK at $1 (a JAVA_HOME), or nothing if it is not a JDK.
sextant_jdk_major() {
  local home="$1" version=""
  [ -x "$home/bin/java" ] || return 0
  if [ -f "$home/release" ]; then
    version="$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release" | head -n 1)"
  fi
  if [ -z "$version" ]; then
    version="$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)"
  fi
  case "$version" in
    1.*) echo "${version#1.}" | cut -d. -f1 ;;
    *) echo "$version" | cut -d. -f1 | cut -d- -f1 | cut -d+ -f1 ;;
  esac
}

sextant_find_jdk() {
  local candidates=() seen="" home major best="" best_major=0
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    home="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
    candidates+=("$home")
  fi
  for home in "${candidates[@]}"; do
    major="$(sextant_jdk_major "$home")"
    seen="$seen  $home (Java ${major:-?})"$'\n'
    if [ -n "$major" ] && [ "$major" -ge "$SEXTANT_MIN_JAVA" ] 2>/dev/null && [ -x "$home/bin/javac" ]; then
      export JAVA_HOME="$home" JAVA="$home/bin/java"
      return 0
    fi
  done
  for home in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* /opt/*jdk* \
              "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* "$HOME"/.local/share/jdks/* \
              /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$home" ] || continue
    major="$(sextant_jdk_major "$home")"
    [ -n "$major" ] || continue
    seen="$seen  $home (Java $major)"$'\n'
    if [ "$major" -ge "$SEXTANT_MIN_JAVA" ] 2>/dev/null && [ "$major" -gt "$best_major" ] && [ -x "$home/bin/javac" ]; then
      best="$home"
      best_major="$major"
    fi
  done
  if [ -n "$best" ]; then
    export JAVA_HOME="$best" JAVA="$best/bin/java"
    return 0
  fi
  {
    echo "sextant: no JDK $SEXTANT_MIN_JAVA or newer found."
    if [ -n "$seen" ]; then
      echo "Looked at:"
      printf '%s' "$seen"
    fi
    echo "Install a JDK $SEXTANT_MIN_JAVA (for example Eclipse Temurin 25: https://adoptium.net) and either"
    echo "put it on PATH or set JAVA_HOME to it."
  } >&2
  return 1
}
