-- The publication Debezium reads through pgoutput (publication.autocreate.mode=disabled):
-- every table of schema shop, present and future, plus the heartbeat table and the signal table.
-- FOR TABLES IN SCHEMA needs a superuser, which is why it is created here and not by the engine.
CREATE PUBLICATION tributary_pub FOR TABLES IN SCHEMA shop, TABLE tributary_cdc.heartbeat, tributary_cdc.debezium_signal;
