-- Tributary: roles for a fresh PostgreSQL (run once, as a superuser, in the business database).
--
-- Passwords are psql variables, never literals in this file:
--   psql -v app_password=... -v cdc_password=... -f 01-roles.sql
-- The local stack substitutes the same variables from its configuration; docker compose passes
-- them from the environment (see 00-run-init.sh).

-- The application role owns the business schema and every table the simulator creates.
CREATE ROLE tributary_app LOGIN PASSWORD :'app_password';

-- The CDC role streams the WAL: REPLICATION, and SELECT on the business tables for the snapshot.
-- It cannot write a business table (tested).
CREATE ROLE tributary_cdc LOGIN REPLICATION PASSWORD :'cdc_password';
