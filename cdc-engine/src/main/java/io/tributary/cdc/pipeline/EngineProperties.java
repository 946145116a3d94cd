package io.tributary.cdc.pipeline;

import java.time.Duration;
import java.util.Properties;

import io.tributary.cdc.config.CdcConfig;
import io.tributary.cdc.offsets.DurableFileOffsetStore;
import io.tributary.cdc.signal.SignalTable;

/** Builds the Debezium engine properties from the typed configuration; {@code debezium.*} overrides come last. */
public final class EngineProperties {
    public static final String HEARTBEAT_QUERY = "INSERT INTO tributary_cdc.heartbeat (id, beat_at) VALUES (1, now()) "
            + "ON CONFLICT (id) DO UPDATE SET beat_at = EXCLUDED.beat_at";

    private EngineProperties() {
    }

    public static Properties of(CdcConfig config) {
        return of(config, java.util.List.of());
    }

    /**
     * @param partitions {@code schema.table} of the partitions of partitioned tables captured through their root
     *                   ({@code publish_via_partition_root}): left out ({@code table.exclude.list}), so that a snapshot
     *                   reads their rows once, as the root's
     */
    public static Properties of(CdcConfig config, java.util.List<String> partitions) {
        Properties p = new Properties();
        p.setProperty("name", "tributary-cdc");
        p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        p.setProperty("plugin.name", "pgoutput");
        p.setProperty("database.hostname", config.pgHost());
        p.setProperty("database.port", Integer.toString(config.pgPort()));
        p.setProperty("database.dbname", config.pgDatabase());
        p.setProperty("database.user", config.cdcUser());
        p.setProperty("database.password", config.cdcPassword().value());
        p.setProperty("topic.prefix", config.topicPrefix());
        p.setProperty("slot.name", config.slot());
        p.setProperty("slot.drop.on.stop", "false");
        p.setProperty("publication.name", config.publication());
        p.setProperty("publication.autocreate.mode", "disabled");
        p.setProperty("schema.include.list", String.join(",", config.schemas()));
        if (!partitions.isEmpty()) {
            p.setProperty("table.exclude.list", String.join(",", partitions.stream()
                    .map(t -> t.replace(".", "\\.")).toList()));
        }
        // offset.mismatch.strategy stays Debezium's default: trust_offset fails the start on a slot ahead of the stored
        // offset, which a failed offsets write (a full disk) leaves behind with nothing lost (SlotVerdict.aheadWarning)
        p.setProperty("snapshot.mode", config.snapshotMode().debeziumValue());
        // hold ACCESS SHARE on the captured tables during the snapshot: a table rewrite (ALTER COLUMN TYPE) committed
        // while the snapshot reads would otherwise make it export 0 rows of that table (CdcResilienceIT)
        p.setProperty("snapshot.locking.mode", "shared");
        // not Kafka's FileOffsetBackingStore: it loses its position on a kill -9 during a write (see the class)
        p.setProperty("offset.storage", DurableFileOffsetStore.class.getName());
        p.setProperty("offset.storage.file.filename", config.offsetsFile().toAbsolutePath().toString());
        // flush after every batch: a crash replays at most the batch in flight
        p.setProperty("offset.flush.interval.ms", "0");
        p.setProperty("offset.flush.timeout.ms", "10000");
        p.setProperty("tombstones.on.delete", Boolean.toString(config.tombstones()));
        // truncates are carried as op=t (Debezium skips them by default)
        p.setProperty("skipped.operations", "none");
        p.setProperty("decimal.handling.mode", "precise");
        p.setProperty("time.precision.mode", "adaptive");
        // interval as ISO-8601 text (P1Y2M3DT4H5M6.789S), exact; the default (numeric) counts a month as 30 days
        p.setProperty("interval.handling.mode", "string");
        // money arrives as a Decimal without precision; its source type lets the Avro mapping give it decimal(19,s)
        p.setProperty("datatype.propagate.source.type", ".+\\.money");
        p.setProperty("field.name.adjustment.mode", "avro");
        p.setProperty("schema.name.adjustment.mode", "avro");
        // connection errors (PostgreSQL unavailable): Debezium restarts its task with backoff; the engine's
        // PostgresAvailabilityWatch bounds the outage by time (tributary.cdc.pg.retry.timeout)
        p.setProperty("errors.retry.delay.initial.ms", "500");
        // a connection that silently stops answering (no RST, no FIN: a dropped route, a dead NAT entry) would block
        // Debezium's heartbeat query forever and the stream with it; pgjdbc's socketTimeout ends the wait, Debezium
        // restarts its task and reconnects (TCP keepalive, on by default, takes hours to notice)
        p.setProperty("database.socketTimeout", Long.toString(Math.max(1, (config.pgSocketTimeout().toMillis() + 999) / 1000)));
        p.setProperty("errors.retry.delay.max.ms", "10000");
        // on-demand backfill: an execute-snapshot row in the signal table starts an incremental snapshot of a table
        // while streaming goes on; its chunk windows are marked in the same table; progress is logged
        p.setProperty("signal.enabled.channels", "source");
        p.setProperty("signal.data.collection", SignalTable.NAME);
        p.setProperty("notification.enabled.channels", "log");
        if (!config.heartbeatInterval().isZero()) {
            p.setProperty("heartbeat.interval.ms", Long.toString(config.heartbeatInterval().toMillis()));
            p.setProperty("heartbeat.action.query", HEARTBEAT_QUERY);
        }
        config.debeziumOverrides().forEach(p::setProperty);
        if (p.containsKey("table.include.list")) {
            p.remove("table.exclude.list");
        }
        // a retry count that cannot run out before the time budget (twice the restarts the backoff allows in it),
        // so that the time bound decides; it still ends a loop of retriable failures while PostgreSQL answers
        p.setProperty("errors.max.retries", Integer.toString(2 * retriesWithin(config.pgRetryTimeout(),
                Duration.ofMillis(Long.parseLong(p.getProperty("errors.retry.delay.initial.ms"))),
                Duration.ofMillis(Long.parseLong(p.getProperty("errors.retry.delay.max.ms")))) + 1));
        return p;
    }

    /** How many waits of an exponential backoff (initial, doubling up to max) it takes to cover the budget. */
    static int retriesWithin(Duration budget, Duration initial, Duration max) {
        long waited = 0;
        long wait = Math.max(1, initial.toMillis());
        int retries = 0;
        while (waited < budget.toMillis()) {
            waited += wait;
            wait = Math.min(wait * 2, Math.max(1, max.toMillis()));
            retries++;
        }
        return retries;
    }
}
