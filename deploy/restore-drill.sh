#!/usr/bin/env bash
# Restore drill for the policy service: restores a PostgreSQL dump into a fresh database, then proves
# that it is usable: the audit chain verifies, and the master key opens every stored TOTP secret (a
# database restored without the key it was written under lets nobody log in).
#
#   PORTCULLIS_MASTER_KEY=... deploy/restore-drill.sh portcullis.dump [--keep]
#
# The dump: `pg_dump --format=custom --file=portcullis.dump portcullis` (or one from your backups).
# The server to restore on: libpq's variables (PGHOST, PGPORT, PGUSER, PGPASSWORD); the drill creates a
# database portcullis_drill_<time> there and drops it afterwards unless --keep. The service:
# PORTCULLIS_APP, the quarkus-app directory (default /opt/portcullis). Needs pg_restore, createdb, java.
# Exit 0: the backup and the key restore a working service; 1: a check failed; 2: usage or setup.
set -euo pipefail

usage() { sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
[[ $# -ge 1 && -f "$1" ]] || usage
DUMP="$1"
KEEP="${2:-}"
APP="${PORTCULLIS_APP:-/opt/portcullis}"
[[ -n "${PORTCULLIS_MASTER_KEY:-}" ]] || { echo "restore-drill: set PORTCULLIS_MASTER_KEY to the key the backup was made under" >&2; exit 2; }
[[ -f "$APP/quarkus-run.jar" ]] || { echo "restore-drill: no $APP/quarkus-run.jar (set PORTCULLIS_APP)" >&2; exit 2; }
for tool in pg_restore createdb dropdb java; do
  command -v "$tool" >/dev/null || { echo "restore-drill: $tool is missing" >&2; exit 2; }
done

DB="portcullis_drill_$(date -u +%Y%m%d%H%M%S)"
HOST="${PGHOST:-127.0.0.1}"
PORT="${PGPORT:-5432}"
cleanup() {
  if [[ "$KEEP" != "--keep" ]]; then
    dropdb --if-exists "$DB" >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT

echo "[1/4] creating database $DB on $HOST:$PORT"
createdb "$DB"
echo "[2/4] restoring $DUMP"
pg_restore --no-owner --no-privileges --exit-on-error --dbname="$DB" "$DUMP"

export PORTCULLIS_DB_URL="jdbc:postgresql://$HOST:$PORT/$DB"
export PORTCULLIS_DB_USER="${PGUSER:-$(id -un)}"
export PORTCULLIS_DB_PASSWORD="${PGPASSWORD:-}"
export PORTCULLIS_HOME="$(mktemp -d)"
failed=0
echo "[3/4] verifying the audit chain"
java -jar "$APP/quarkus-run.jar" audit verify || failed=1
echo "[4/4] opening the TOTP secrets with the master key"
java -jar "$APP/quarkus-run.jar" keys verify || failed=1
rm -rf "$PORTCULLIS_HOME"

if (( failed )); then
  echo "DRILL FAILED: this backup and this key do not restore a working service." >&2
  exit 1
fi
echo "DRILL PASSED: $DUMP with this master key restores a working service${KEEP:+ (kept as $DB)}."
