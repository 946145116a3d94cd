-- Business schema, owned by the application role.
CREATE SCHEMA shop AUTHORIZATION tributary_app;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;

GRANT USAGE ON SCHEMA shop TO tributary_cdc;
-- Tables created later by tributary_app become readable (never writable) by the CDC role.
ALTER DEFAULT PRIVILEGES FOR ROLE tributary_app IN SCHEMA shop GRANT SELECT ON TABLES TO tributary_cdc;

-- The CDC role's own schema: the heartbeat table it writes to keep the replication slot
-- advancing while the business tables are idle. This is the only table it can write.
CREATE SCHEMA tributary_cdc AUTHORIZATION tributary_cdc;
CREATE TABLE tributary_cdc.heartbeat (
    id         integer PRIMARY KEY,
    beat_at    timestamptz NOT NULL
);
ALTER TABLE tributary_cdc.heartbeat OWNER TO tributary_cdc;
INSERT INTO tributary_cdc.heartbeat (id, beat_at) VALUES (1, now());
