-- The publication Debezium reads through pgoutput (publication.autocreate.mode=disabled):
-- every table of schema shop, present and future, plus the heartbeat table and the signal table.
-- FOR TABLES IN SCHEMA needs a superuser, which is why it is created here and not by the engine.
-- publish_via_partition_root: a partitioned table's changes are published under the root's name (one topic, one
-- silver table), whichever partition holds the row (07-publication-partition-root.sql sets it on older clusters).
CREATE PUBLICATION tributary_pub FOR TABLES IN SCHEMA shop, TABLE tributary_cdc.heartbeat, tributary_cdc.debezium_signal
    WITH (publish_via_partition_root = true);
