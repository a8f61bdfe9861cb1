#!/usr/bin/env bash
# Cold start of `mailtoken token ACCOUNT` for a cached token (issue 4 target: <= 300 ms), measured
# with and without the launcher's class-data-sharing archive. Needs the shaded jar:
#   ./mvnw -B -o -q -pl bench,mailtoken-cli -am package -DskipTests && bench/startup.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
# A store holding one account with a cached access token (valid for an hour): the demo's, kept.
bin/mailtoken demo --home "$home" >/dev/null 2>&1
account=demo@example.com
rm -f mailtoken-cli/target/mailtoken.jsa
bin/mailtoken token "$account" --home "$home" >/dev/null   # records the CDS archive (first run after a build)

measure() { # label, then the command
  local label=$1; shift
  local times=()
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v label="$label" -v n="$runs" '
    { t[NR] = $1 } END { printf "%-44s median %4d ms  min %4d ms  max %4d ms  (%d runs)\n", label, t[int((n + 1) / 2)], t[1], t[n], n }'
}

echo "== mailtoken token ACCOUNT (cached token, SQLite store), wall time per process; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
measure "bin/mailtoken token, CDS archive" env MAILTOKEN_CDS=on bin/mailtoken token "$account" --home "$home"
measure "bin/mailtoken token, no CDS" env MAILTOKEN_CDS=off bin/mailtoken token "$account" --home "$home"
measure "baseline: java -jar mailtoken.jar --version" java -jar mailtoken-cli/target/mailtoken.jar --version
measure "baseline: java -version" java -version
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
