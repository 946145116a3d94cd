-- Serving: the gold stage's windowed aggregates, upserted by the lakehouse job (docs/gold.md).
--
-- The job reaches PostgreSQL as the CDC role already (reconcile); that role owns this schema and creates its
-- tables on the gold query's first start. serving is outside the publication: nothing here is captured.
CREATE SCHEMA serving AUTHORIZATION tributary_cdc;

-- Readers of the serving tables (dashboards, ./tributary psql): SELECT only. A login role gets it with
--   GRANT tributary_serving_reader TO some_login_role;
CREATE ROLE tributary_serving_reader NOLOGIN;
GRANT USAGE ON SCHEMA serving TO tributary_serving_reader;
ALTER DEFAULT PRIVILEGES FOR ROLE tributary_cdc IN SCHEMA serving GRANT SELECT ON TABLES TO tributary_serving_reader;

-- The shop's login role reads the serving tables too (./tributary psql connects as it).
GRANT tributary_serving_reader TO tributary_app;
