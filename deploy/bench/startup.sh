#!/usr/bin/env bash
# Measures the packaged policy service: time from launch to /q/health/ready = UP, and resident
# memory (RSS) once idle. Each run uses a fresh data directory (first start: migrations and key
# generation included). Usage: deploy/bench/startup.sh [runs]   (default 5)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAR="$ROOT/policy-service/target/quarkus-app/quarkus-run.jar"
RUNS="${1:-5}"
PORT="${BENCH_PORT:-18090}"
IDLE_SECONDS="${BENCH_IDLE_SECONDS:-10}"

[[ -f "$JAR" ]] || (cd "$ROOT" && mvn -B -q -pl policy-service -am package -DskipTests)

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
startups=(); rss=()
for run in $(seq 1 "$RUNS"); do
  home="$work/home-$run"
  start_ns=$(date +%s%N)
  PORTCULLIS_HOME="$home" QUARKUS_HTTP_PORT="$PORT" java -jar "$JAR" >"$work/run-$run.log" 2>&1 &
  pid=$!
  until curl -fsS "http://127.0.0.1:$PORT/q/health/ready" 2>/dev/null | grep -q '"UP"'; do
    kill -0 "$pid" 2>/dev/null || { cat "$work/run-$run.log"; exit 1; }
    sleep 0.02
  done
  ready_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))
  sleep "$IDLE_SECONDS"
  rss_kib=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  kill -TERM "$pid"; wait "$pid" || true
  printf 'run %d: ready in %d ms, idle RSS %d MiB\n' "$run" "$ready_ms" $(( rss_kib / 1024 ))
  startups+=("$ready_ms"); rss+=("$rss_kib")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
printf 'median over %d runs: startup %d ms, idle RSS %d MiB (java -jar, default heap settings)\n' \
  "$RUNS" "$(median "${startups[@]}")" $(( $(median "${rss[@]}") / 1024 ))
