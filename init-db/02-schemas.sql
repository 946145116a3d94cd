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

-- Signals to the CDC engine (Debezium's signal table): `./tributary backfill <table>` inserts an execute-snapshot
-- row here, and Debezium's incremental snapshot writes its chunk-window watermarks here. Owned by the CDC role
-- (it writes it); in the publication, so that its inserts reach the engine through the WAL; not captured to Kafka.
CREATE TABLE tributary_cdc.debezium_signal (
    id    varchar(64) PRIMARY KEY,
    type  varchar(32) NOT NULL,
    data  varchar(2048)
);
ALTER TABLE tributary_cdc.debezium_signal OWNER TO tributary_cdc;
