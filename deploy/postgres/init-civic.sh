#!/usr/bin/env bash
# Run once by the PostgreSQL image's entrypoint, when it creates its data directory: the roles and
# the database docs/security.md asks for. civic connects as civic_owner, an ordinary role that
# owns the database (never the superuser): it runs the migrations, and its connections then act
# as civic_app. The two NOLOGIN roles are made here so that civic_owner needs no CREATEROLE.
set -euo pipefail

psql --no-psqlrc -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -v owner_password="$CIVIC_DB_PASSWORD" <<'SQL'
CREATE ROLE civic_owner LOGIN PASSWORD :'owner_password';
CREATE DATABASE civic OWNER civic_owner;
CREATE ROLE civic_reader NOLOGIN;
CREATE ROLE civic_app NOLOGIN;
GRANT civic_reader, civic_app TO civic_owner;
SQL
