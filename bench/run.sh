#!/usr/bin/env bash
# Builds the benchmark jar and runs every benchmark in one go; output in bench/results-*.txt.
# Usage: bench/run.sh            (about 7 minutes on 2 cores; needs node + npm for the Nodemailer leg)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -pl bench -am package -DskipTests
npm ci --prefix bench/nodemailer --no-audit --no-fund >/dev/null
JAR=bench/target/benchmarks.jar
OUT=bench/results-$(date -u +%Y%m%dT%H%M%SZ).txt
{
  echo "== cached token read, 1 thread (-prof gc)"
  java -jar "$JAR" CachedTokenBenchmark -t 1 -wi 2 -w 2s -i 3 -r 2s -f 1 -prof gc
  echo "== cached token read, 2 threads"
  java -jar "$JAR" CachedTokenBenchmark -t 2 -wi 2 -w 2s -i 3 -r 2s -f 1 -prof gc
  echo "== refresh overhead over a bare HttpClient POST"
  java -jar "$JAR" RefreshOverheadBenchmark -t 1 -wi 2 -w 3s -i 3 -r 3s -f 1 -jvmArgsAppend -Dsun.net.httpserver.nodelay=true
  echo "== refresh storm"
  java -cp "$JAR" dev.mailtoken.bench.RefreshStorm 10000 200
  echo "== pooled sending: 40,000 x 2 KB over 5 connections (raw, Angus, mailtoken, Nodemailer), each leg in its own process"
  java -cp "$JAR" dev.mailtoken.bench.PooledSendBenchmark 40000 20000
  echo "== CLI start-up"
  ./mvnw -q -B install -DskipTests
  bench/startup.sh 20
} 2>&1 | tee "$OUT"
echo "results in $OUT"
