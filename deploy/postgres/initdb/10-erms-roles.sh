#!/bin/sh
# Run by the postgres image when its data volume is first made (/docker-entrypoint-initdb.d):
# creates ERMS's owner and application roles (../erms-roles.sql, mounted at /erms/erms-roles.sql).
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v db="$POSTGRES_DB" \
  -v owner="${ERMS_DB_OWNER:-erms_owner}" -v owner_password="${ERMS_DB_OWNER_PASSWORD:?set ERMS_DB_OWNER_PASSWORD}" \
  -v app="${ERMS_DB_APP_ROLE:-erms_app}" -v app_password="${ERMS_DB_APP_PASSWORD:?set ERMS_DB_APP_PASSWORD}" \
  -f /erms/erms-roles.sql
