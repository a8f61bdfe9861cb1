#!/usr/bin/env bash
# Runs the fault matrix (dev.mailtoken.bench.reliability.FaultMatrix) and writes docs/RELIABILITY.md;
# commit the document. About 6 minutes on 2 cores; needs only a JDK 17. Everything runs on loopback.
# Usage: bench/reliability.sh                   all rows, writes docs/RELIABILITY.md
#        bench/reliability.sh --only ROW,ROW    those rows only (e.g. kill-9/sqlite), printed, nothing written
#        RELIABILITY_TRACE=1 bench/reliability.sh ...   also prints every command's exit code, time and stderr
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -pl bench -am package -DskipTests
trace=()
if [ "${RELIABILITY_TRACE:-}" = 1 ]; then trace=(-Dreliability.trace=true); fi
log=bench/results-reliability-$(date -u +%Y%m%dT%H%M%SZ).txt
java ${trace[@]+"${trace[@]}"} -cp bench/target/benchmarks.jar dev.mailtoken.bench.reliability.FaultMatrix \
  --out docs/RELIABILITY.md "$@" 2>&1 | tee "$log"
echo "log in $log"
