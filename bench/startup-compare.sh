#!/usr/bin/env bash
# Cold start of `mailtoken token ACCOUNT` (cached token, SQLite store, the launcher's CDS archive)
# for several built source trees, their runs interleaved so that load from other processes on the
# machine hits every tree alike: wall time and CPU time (user + sys) per process, median, quartiles
# and extremes. Use it to tell what a change did to start-up on a busy machine, e.g. this tree
# against a `git archive` of an older commit built the same way:
#   mkdir /tmp/old && git archive COMMIT | tar -x -C /tmp/old
#   (cd /tmp/old && ./mvnw -B -o -q -pl mailtoken-cli -am package -DskipTests)
#   ./mvnw -B -o -q -pl bench,mailtoken-cli -am package -DskipTests
#   bench/startup-compare.sh 20 /tmp/old .
set -euo pipefail
runs=$1; shift
declare -A home wall cpu
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for tree in "$@"; do
  home[$tree]=$(mktemp -d)
  (cd "$tree" && bin/mailtoken demo --home "${home[$tree]}" >/dev/null 2>&1)
  rm -f "$tree/mailtoken-cli/target/mailtoken.jsa"
  (cd "$tree" && bin/mailtoken token demo@example.com --home "${home[$tree]}" >/dev/null)   # records the CDS archive
done
trap 'for h in "${home[@]}"; do rm -rf "$h"; done' EXIT
for _ in $(seq "$runs"); do
  for tree in "$@"; do
    read -r r u s < <( { cd "$tree" && TIMEFORMAT='%R %U %S'; time bin/mailtoken token demo@example.com \
        --home "${home[$tree]}" >/dev/null 2>&1; } 2>&1 )
    wall[$tree]="${wall[$tree]:-} $(awk -v r="$r" 'BEGIN { printf "%d", r * 1000 }')"
    cpu[$tree]="${cpu[$tree]:-} $(awk -v u="$u" -v s="$s" 'BEGIN { printf "%d", (u + s) * 1000 }')"
  done
done
summary() { # label, then the numbers on stdin
  tr ' ' '\n' | grep -v '^$' | sort -n | awk -v label="$1" '{ t[NR] = $1 } END {
    printf "%-44s median %4d ms  p25 %4d  p75 %4d  min %4d  max %4d  (%d runs)\n", label, t[int((NR + 1) / 2)],
      t[int(NR / 4) + 1], t[int(3 * NR / 4)], t[1], t[NR], NR }'
}
echo "== mailtoken token ACCOUNT, CDS archive, interleaved; load before: $load_before"
for tree in "$@"; do
  echo "${wall[$tree]}" | summary "$tree wall"
  echo "${cpu[$tree]}" | summary "$tree cpu (user+sys)"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
