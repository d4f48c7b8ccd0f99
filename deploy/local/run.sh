#!/usr/bin/env bash
# Starts Portcullis on its embedded default: the policy service on http://127.0.0.1:8090 with an
# H2 database and a generated master key under PORTCULLIS_HOME (default ./.portcullis).
# Builds what it needs first. Ctrl-C stops it cleanly; a second start keeps all data.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAR="$ROOT/policy-service/target/quarkus-app/quarkus-run.jar"
PORT="${QUARKUS_HTTP_PORT:-8090}"

for tool in java mvn curl; do
  command -v "$tool" >/dev/null 2>&1 || { echo "run.sh: '$tool' is missing: install Java 17+, Maven and curl." >&2; exit 1; }
done

export PORTCULLIS_HOME="$(realpath -m "${PORTCULLIS_HOME:-$ROOT/.portcullis}")"
mkdir -p "$PORTCULLIS_HOME"
chmod 700 "$PORTCULLIS_HOME"

stale() {
  [[ ! -f "$JAR" ]] && return 0
  [[ -n "$(find "$ROOT/policy-service/src/main" "$ROOT/policy-service/pom.xml" "$ROOT/pom.xml" -newer "$JAR" -print -quit)" ]]
}
if stale; then
  echo "==> Building the policy service (first run, or sources changed)..."
  (cd "$ROOT" && mvn -B -q -pl policy-service -am package -DskipTests)
fi

# The bootstrap admin token: yours if PORTCULLIS_ADMIN_TOKEN is set, else one made at first start.
TOKEN_FILE="$PORTCULLIS_HOME/admin-token"
if [[ -z "${PORTCULLIS_ADMIN_TOKEN:-}" ]]; then
  if [[ ! -s "$TOKEN_FILE" ]]; then
    (umask 077 && od -An -N32 -tx1 /dev/urandom | tr -d ' \n' > "$TOKEN_FILE")
  fi
  PORTCULLIS_ADMIN_TOKEN="$(cat "$TOKEN_FILE")"
  export PORTCULLIS_ADMIN_TOKEN
  TOKEN_HINT="export PORTCULLIS_ADMIN_TOKEN=\$(cat $TOKEN_FILE)"
else
  TOKEN_HINT="(your PORTCULLIS_ADMIN_TOKEN)"
fi

echo "==> Starting the policy service (data in $PORTCULLIS_HOME)"
java ${PORTCULLIS_JAVA_OPTS:-} -jar "$JAR" &
SERVICE_PID=$!

stop() {
  trap - INT TERM
  echo
  echo "==> Stopping..."
  kill -TERM "$SERVICE_PID" 2>/dev/null || true
  wait "$SERVICE_PID" 2>/dev/null || true
  echo "==> Stopped. Data kept in $PORTCULLIS_HOME"
  exit 0
}
trap stop INT TERM

for _ in $(seq 1 120); do
  if curl -fsS "http://127.0.0.1:$PORT/q/health/ready" >/dev/null 2>&1; then
    cat <<INFO

  Portcullis is running.
    Policy service   http://127.0.0.1:$PORT
    Health           http://127.0.0.1:$PORT/q/health/ready
    API description  http://127.0.0.1:$PORT/q/openapi
    Metrics          http://127.0.0.1:$PORT/q/metrics
    Admin token      $TOKEN_HINT

  Press Ctrl-C to stop.

INFO
    break
  fi
  kill -0 "$SERVICE_PID" 2>/dev/null || { wait "$SERVICE_PID" || true; echo "run.sh: the policy service did not start; see above." >&2; exit 1; }
  sleep 0.5
done

wait "$SERVICE_PID"
