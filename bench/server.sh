#!/usr/bin/env bash
# The server's numbers (issue 11 §9), loopback only, all in one run; output in
# bench/results-server-<timestamp>.txt:
#   1. heap per account of a bare TokenManager, 100,000 refresh-token accounts (HeapPerAccount);
#   2. the server's accounts feature with 100,000 accounts on the emulator, short-lived tokens and a
#      burst expiring together: heap per account, token requests per second against the cap,
#      hand-outs that waited on a refresh (RefreshFleet; about 10 minutes, most of it waiting for
#      the fleet's first refreshes to come due);
#   3. GET /v1/accounts/{id}/token (cached) against a bare Javalin route returning a constant, on
#      the same listener settings, with wrk, interleaved rounds (HandOutThroughput).
# Needs wrk (apt-get install -y wrk). Usage: bench/server.sh [accounts]   (SKIP_BUILD=1 to reuse the jar)
set -euo pipefail
cd "$(dirname "$0")/.."
accounts=${1:-100000}
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install -y wrk" >&2; exit 1; }
if [[ "${SKIP_BUILD:-}" != 1 ]]; then
  ./mvnw -q -B -o -pl bench -am package -DskipTests
fi
JAR=bench/target/benchmarks.jar
OUT=bench/results-server-$(date -u +%Y%m%dT%H%M%SZ).txt
{
  echo "== $(date -u +%FT%TZ) $(git rev-parse --short HEAD 2>/dev/null || true); java: $(java -version 2>&1 | head -1)"
  echo "== 1. heap per account, bare TokenManager, $accounts accounts; load: $(cut -d' ' -f1-3 /proc/loadavg)"
  java -Xmx2g -cp "$JAR" dev.mailtoken.bench.server.HeapPerAccount "$accounts"
  echo "== 2. refresh fleet: $accounts accounts, 30-minute tokens, 10,000 expiring together, cap 200/s; load: $(cut -d' ' -f1-3 /proc/loadavg)"
  java -Xmx2g -Dsun.net.httpserver.nodelay=true -cp "$JAR" dev.mailtoken.bench.server.RefreshFleet \
    "$accounts" 1800 10000 200 240
  echo "== 3. hand-out throughput: 1,000 accounts, 6 rounds of 10 s, wrk 16 connections 1 thread; load: $(cut -d' ' -f1-3 /proc/loadavg)"
  java -cp "$JAR" dev.mailtoken.bench.server.HandOutThroughput 1000 6 10 16 1
  echo "== done; load: $(cut -d' ' -f1-3 /proc/loadavg)"
} 2>&1 | tee "$OUT"
echo "results in $OUT"
