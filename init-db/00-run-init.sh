#!/usr/bin/env bash
# Entry point for the official postgres image (/docker-entrypoint-initdb.d): runs the numbered SQL
# files of this folder with the passwords taken from the environment (never written in a file).
set -euo pipefail
: "${TRIBUTARY_APP_PASSWORD:?set TRIBUTARY_APP_PASSWORD (see .env.example)}"
: "${TRIBUTARY_CDC_PASSWORD:?set TRIBUTARY_CDC_PASSWORD (see .env.example)}"
: "${TRIBUTARY_SCHEDULER_PASSWORD:?set TRIBUTARY_SCHEDULER_PASSWORD (see .env.example)}"
# compose mounts this script alone into /docker-entrypoint-initdb.d (so the image does not run the
# .sql files itself, without the variables) and the folder at TRIBUTARY_INIT_DIR.
dir="${TRIBUTARY_INIT_DIR:-$(dirname "$0")}"
for f in "$dir"/[0-9][0-9]-*.sql; do
  echo "tributary init-db: applying $(basename "$f")"
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
       -v app_password="$TRIBUTARY_APP_PASSWORD" -v cdc_password="$TRIBUTARY_CDC_PASSWORD" \
       -v scheduler_password="$TRIBUTARY_SCHEDULER_PASSWORD" \
       -f "$f"
done
