#!/usr/bin/env bash
# Starts Portcullis on its embedded default, wired together:
#   - the policy service on http://127.0.0.1:8090 (H2 database, generated master key);
#   - Keycloak on http://127.0.0.1:8080 (the distribution from Maven, dev mode) with the extension
#     installed and the demo realm "employees" imported at first start.
# All data lives under PORTCULLIS_HOME (default ./.portcullis). Builds what it needs first.
# Ctrl-C stops both cleanly; a second start keeps all data.
#
# Honours: PORTCULLIS_HOME, PORTCULLIS_DEMO_PASSWORD, PORTCULLIS_ADMIN_TOKEN,
#          KC_BOOTSTRAP_ADMIN_USERNAME, KC_BOOTSTRAP_ADMIN_PASSWORD.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAR="$ROOT/policy-service/target/quarkus-app/quarkus-run.jar"
PORT="${QUARKUS_HTTP_PORT:-8090}"
KC_PORT=8080
KC_VERSION="$(sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' "$ROOT/pom.xml" | head -1)"
PROVIDER="$ROOT/keycloak-extension/target/portcullis-keycloak-extension-0.1.0-SNAPSHOT.jar"

for tool in java jar mvn curl; do
  command -v "$tool" >/dev/null 2>&1 || { echo "run.sh: '$tool' is missing: install a Java 17+ JDK, Maven and curl." >&2; exit 1; }
done

export PORTCULLIS_HOME="$(realpath -m "${PORTCULLIS_HOME:-$ROOT/.portcullis}")"
mkdir -p "$PORTCULLIS_HOME"
chmod 700 "$PORTCULLIS_HOME"

# A secret kept in the data directory: the environment's value if given, else made once and reused.
secret() { # name env-value bytes
  local file="$PORTCULLIS_HOME/$1"
  if [[ -n "$2" ]]; then printf '%s' "$2"; return; fi
  [[ -s "$file" ]] || (umask 077 && od -An -N"$3" -tx1 /dev/urandom | tr -d ' \n' > "$file")
  cat "$file"
}

stale() {
  [[ ! -f "$JAR" || ! -f "$PROVIDER" ]] && return 0
  [[ -n "$(find "$ROOT/policy-service/src/main" "$ROOT/keycloak-extension/src/main" "$ROOT/policy-service/pom.xml" \
      "$ROOT/keycloak-extension/pom.xml" "$ROOT/pom.xml" -newer "$JAR" -print -quit)" ]] \
    || [[ -n "$(find "$ROOT/keycloak-extension/src/main" -newer "$PROVIDER" -print -quit)" ]]
}
if stale; then
  echo "==> Building the policy service and the Keycloak extension (first run, or sources changed)..."
  (cd "$ROOT" && mvn -B -q package -DskipTests)
fi

# The Keycloak distribution, from Maven, unpacked once into the data directory.
KC_HOME="$PORTCULLIS_HOME/keycloak-$KC_VERSION"
if [[ ! -x "$KC_HOME/bin/kc.sh" ]]; then
  echo "==> Fetching Keycloak $KC_VERSION through Maven (about 160 MB, cached afterwards)..."
  (cd "$ROOT" && mvn -B -q dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip" \
      -DoutputDirectory="$PORTCULLIS_HOME/downloads")
  (cd "$PORTCULLIS_HOME" && jar xf "downloads/keycloak-quarkus-dist-$KC_VERSION.zip")
  chmod +x "$KC_HOME"/bin/*.sh
  rm -rf "$PORTCULLIS_HOME/downloads"
fi
cp "$PROVIDER" "$KC_HOME/providers/portcullis-keycloak-extension.jar"

if [[ -n "${PORTCULLIS_DEMO_PASSWORD:-}" && ! "$PORTCULLIS_DEMO_PASSWORD" =~ ^[A-Za-z0-9._-]{12,64}$ ]]; then
  echo "run.sh: PORTCULLIS_DEMO_PASSWORD must be 12 to 64 letters, digits, '.', '_' or '-' (and not a common password)." >&2
  exit 1
fi
TOKEN_HINT="export PORTCULLIS_ADMIN_TOKEN=\$(cat $PORTCULLIS_HOME/admin-token)"
[[ -n "${PORTCULLIS_ADMIN_TOKEN:-}" ]] && TOKEN_HINT="(your PORTCULLIS_ADMIN_TOKEN)"
PORTCULLIS_ADMIN_TOKEN="$(secret admin-token "${PORTCULLIS_ADMIN_TOKEN:-}" 32)"
DEMO_PASSWORD="$(secret demo-password "${PORTCULLIS_DEMO_PASSWORD:-}" 12)"
KC_BOOTSTRAP_ADMIN_USERNAME="${KC_BOOTSTRAP_ADMIN_USERNAME:-admin}"
KC_BOOTSTRAP_ADMIN_PASSWORD="$(secret keycloak-admin-password "${KC_BOOTSTRAP_ADMIN_PASSWORD:-}" 12)"
CONSOLE_SECRET="$(secret console-client-secret "" 24)"
export PORTCULLIS_ADMIN_TOKEN

SERVICE_PID=""
KC_PID=""
stop() {
  trap "" INT TERM   # a second Ctrl-C must not leave either system running
  echo
  echo "==> Stopping..."
  [[ -n "$KC_PID" ]] && kill -TERM "$KC_PID" 2>/dev/null || true
  [[ -n "$KC_PID" ]] && wait "$KC_PID" 2>/dev/null || true
  [[ -n "$SERVICE_PID" ]] && kill -TERM "$SERVICE_PID" 2>/dev/null || true
  [[ -n "$SERVICE_PID" ]] && wait "$SERVICE_PID" 2>/dev/null || true
  echo "==> Stopped. Data kept in $PORTCULLIS_HOME"
  exit 0
}
trap stop INT TERM

await() { # url pid name
  for _ in $(seq 1 360); do
    curl -fsS "$1" >/dev/null 2>&1 && return 0
    kill -0 "$2" 2>/dev/null || { echo "run.sh: $3 did not start; see above." >&2; stop; }
    sleep 0.5
  done
  echo "run.sh: $3 did not answer in time." >&2
  stop
}

admin() { # method path [json]
  curl -fsS -X "$1" "http://127.0.0.1:$PORT$2" -H "Authorization: Bearer $PORTCULLIS_ADMIN_TOKEN" \
    -H 'Content-Type: application/json' ${3:+-d "$3"}
}

echo "==> Starting the policy service (data in $PORTCULLIS_HOME)"
# The console signs people in through the realm below (Keycloak starts next; the console finds it on first use).
PORTCULLIS_CONSOLE_ISSUER="${PORTCULLIS_CONSOLE_ISSUER:-http://127.0.0.1:$KC_PORT/realms/employees}" \
PORTCULLIS_CONSOLE_CLIENT_SECRET="${PORTCULLIS_CONSOLE_CLIENT_SECRET:-$CONSOLE_SECRET}" \
  java ${PORTCULLIS_JAVA_OPTS:-} -jar "$JAR" > "$PORTCULLIS_HOME/policy-service.log" 2>&1 &
SERVICE_PID=$!
await "http://127.0.0.1:$PORT/q/health/ready" "$SERVICE_PID" "the policy service (log: $PORTCULLIS_HOME/policy-service.log)"

# First start: Keycloak's API key, and the demo policy (engineering must enrol at once).
KEY_FILE="$PORTCULLIS_HOME/keycloak-api-key"
if [[ ! -s "$KEY_FILE" ]]; then
  admin POST /api/v1/admin/services '{"name":"keycloak","scopes":["mfa","enrol","idp","credentials","events"]}' \
    | sed -n 's/.*"apiKey":"\([^"]*\)".*/\1/p' | (umask 077 && cat > "$KEY_FILE")
  admin PUT /api/v1/admin/policies/engineering '{"appliesTo":{"groups":["engineering"]},
    "mfa":{"required":true,"methods":["totp","webauthn"],"enrolmentGraceDays":0},
    "passwords":{"reuse":"block","variantReuse":"warn","breached":"block","minLength":8}}' >/dev/null
  # who can move money signs in with a security key, which a fake login page cannot relay
  admin PUT /api/v1/admin/policies/treasury '{"appliesTo":{"groups":["treasury"]},
    "mfa":{"required":true,"methods":["webauthn"],"enrolmentGraceDays":0,"binding":"pass"},
    "passwords":{"reuse":"block","variantReuse":"block","breached":"block","minLength":12}}' >/dev/null
  admin PUT /api/v1/admin/policies/wallet-admin '{"appliesTo":{"clients":["wallet-admin"]},
    "mfa":{"required":true,"methods":["webauthn"],"enrolmentGraceDays":0,"binding":"pass"},
    "passwords":{"reuse":"block","variantReuse":"block","breached":"block","minLength":12}}' >/dev/null
fi

# The console's people and treasury bind a factor only with an access pass (their policies say so).
# While one of them has no factor, each start issues a fresh single-use pass for 24 hours and prints it.
FIRST_PASSES=""
for person in carol dave erin; do
  if ! admin GET "/api/v1/admin/subjects/$person/mfa" 2>/dev/null | grep -q '"enrolledMethods":\["'; then
    pass="$(admin POST "/api/v1/admin/subjects/$person/access-passes" '{"lifetimeMinutes":1440}' \
      | sed -n 's/.*"pass":"\([^"]*\)".*/\1/p')"
    FIRST_PASSES+="    $person   $pass"$'\n'
  fi
done

# First start of Keycloak: the demo realm, with the demo password and the console's client secret.
if [[ ! -d "$KC_HOME/data/h2" ]]; then
  mkdir -p "$KC_HOME/data/import"
  (umask 077 && sed -e "s/@DEMO_PASSWORD@/$DEMO_PASSWORD/g" -e "s/@CONSOLE_SECRET@/$CONSOLE_SECRET/g" \
      -e "s/127.0.0.1:8090/127.0.0.1:$PORT/g" -e "s/localhost:8090/localhost:$PORT/g" \
      "$ROOT/deploy/local/realm-employees.json" > "$KC_HOME/data/import/employees.json")
fi

echo "==> Starting Keycloak $KC_VERSION with the Portcullis extension (log: $PORTCULLIS_HOME/keycloak.log)"
PORTCULLIS_URL="http://127.0.0.1:$PORT" PORTCULLIS_API_KEY="$(cat "$KEY_FILE")" \
KC_BOOTSTRAP_ADMIN_USERNAME="$KC_BOOTSTRAP_ADMIN_USERNAME" KC_BOOTSTRAP_ADMIN_PASSWORD="$KC_BOOTSTRAP_ADMIN_PASSWORD" \
  "$KC_HOME/bin/kc.sh" start-dev --http-host=127.0.0.1 --http-port=$KC_PORT --import-realm \
  > "$PORTCULLIS_HOME/keycloak.log" 2>&1 &
KC_PID=$!
await "http://127.0.0.1:$KC_PORT/realms/employees/.well-known/openid-configuration" "$KC_PID" \
  "Keycloak (log: $PORTCULLIS_HOME/keycloak.log)"
rm -f "$KC_HOME/data/import/employees.json"

cat <<INFO

  Portcullis is running.
    Employee login     http://127.0.0.1:$KC_PORT/realms/employees/account
    Keycloak admin     http://127.0.0.1:$KC_PORT/admin   ($KC_BOOTSTRAP_ADMIN_USERNAME / $KC_BOOTSTRAP_ADMIN_PASSWORD)
    Admin console      http://127.0.0.1:$PORT/console   (carol: admin, dave: auditor)
    Policy service     http://127.0.0.1:$PORT   (API: /q/openapi, health: /q/health/ready)
    Admin token        $TOKEN_HINT

  Demo logins (password: $DEMO_PASSWORD):
    alice   engineering, enrolment deadline passed: must set up an authenticator now
    bob     finance, grace period running: reminded, may continue
    erin    treasury: a security key (WebAuthn) and nothing less; registers one at her first sign-in
            with an access pass, then signs in with it (browse http://localhost:$KC_PORT, not
            127.0.0.1: WebAuthn refuses an IP address)
    carol   policy-admin: no grace, sets up an authenticator at her first sign-in, with an access pass
    dave    policy-auditor: the same
  Access passes for a first factor (single use, 24 hours; a fresh one at each start until used):
${FIRST_PASSES:-    (none needed: everyone above has a factor)
}
  Every door needs the second factor: the password grant takes it as 'otp', e.g.
    curl -s http://127.0.0.1:$KC_PORT/realms/employees/protocol/openid-connect/token \\
      -d grant_type=password -d client_id=admin-cli -d username=bob -d password=... -d otp=123456

  Press Ctrl-C to stop both.

INFO

wait "$KC_PID" "$SERVICE_PID"
