package io.tributary.cdc.parking;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Lock;

import io.tributary.cdc.avro.AvroChange;
import io.tributary.cdc.avro.ChangeEventConverter;
import io.tributary.cdc.avro.RecordOrigin;
import io.tributary.cdc.monitor.CdcMetrics;
import io.tributary.cdc.pipeline.ChangeSerializer;
import io.tributary.cdc.pipeline.ChangeSink;
import io.tributary.cdc.pipeline.DependencyUnavailableException;
import io.tributary.cdc.pipeline.SchemaRejectedException;
import io.tributary.serde.RegisteredSchema;
import io.tributary.serde.RegistryRequestException;
import io.tributary.serde.RegistryUnavailableException;
import io.tributary.serde.SchemaRegistryClient;
import io.tributary.serde.SubjectNames;
import org.apache.avro.Schema;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accept-schema and resume of parked tables. One operation at a time.
 *
 * <p><b>accept-schema</b> reads the table's parked changes, and registers each distinct key/value schema among them
 * that the registry does not have yet. A schema the registry refuses as incompatible (409) is registered under a
 * one-time override: the subject's level is set to NONE, the schema registered, and the subject's previous level
 * restored (its own level, or none so that it follows the global level again); both steps are logged at WARN.
 * Later schemas are checked against the accepted one under the restored level.
 *
 * <p><b>resume</b> takes the pipeline lock (no batch in flight, so no change of the table is being parked meanwhile),
 * then: pass 1 converts every parked change and serializes it (registering its schemas) without sending anything,
 * so that a change that still fails leaves the table parked with nothing replayed; pass 2 sends them in order to
 * the table's topic and waits for every acknowledgement; then the table is unparked durably and streams normally
 * from the next batch on. Records parked twice (a crash between the parking acknowledgement and the offset commit
 * replays the batch) are skipped: same LSN, op, kind and key. A crash during pass 2 leaves the table parked; the
 * next resume sends those changes again (consumers discard replays by LSN, as after any crash).
 */
public final class ParkedTableOperations implements TableOperations {
    private static final Logger LOG = LoggerFactory.getLogger(ParkedTableOperations.class);
    private static final int ACK_WINDOW = 1_000;

    private final ParkedTables tables;
    private final ParkedChangeSource source;
    private final ParkedChangeCodec codec;
    private final ChangeEventConverter converter;
    private final ChangeSerializer serializer;
    private final ChangeSink sink;
    private final SchemaRegistryClient registry;
    private final SubjectCompatibility compatibility;
    private final Lock pipelineLock;
    private final CdcMetrics metrics;
    private final java.time.Duration ackTimeout;

    public ParkedTableOperations(ParkedTables tables, ParkedChangeSource source, ParkedChangeCodec codec,
                                 ChangeEventConverter converter, ChangeSerializer serializer, ChangeSink sink,
                                 SchemaRegistryClient registry, SubjectCompatibility compatibility, Lock pipelineLock,
                                 CdcMetrics metrics, java.time.Duration ackTimeout) {
        this.tables = tables;
        this.source = source;
        this.codec = codec;
        this.converter = converter;
        this.serializer = serializer;
        this.sink = sink;
        this.registry = registry;
        this.compatibility = compatibility;
        this.pipelineLock = pipelineLock;
        this.metrics = metrics;
        this.ackTimeout = ackTimeout;
    }

    @Override
    public List<ParkedTable> parked() {
        return tables.all();
    }

    @Override
    public synchronized AcceptResult acceptSchema(String table) throws InterruptedException {
        ParkedTable parked = parkedOrThrow(table);
        Map<String, Set<Schema>> schemas = new LinkedHashMap<>();
        int[] count = new int[1];
        forEachDistinct(parked, change -> {
            count[0]++;
            if (change.key() != null) {
                schemas.computeIfAbsent(SubjectNames.forTopic(change.topic(), true), s -> new LinkedHashSet<>())
                        .add(change.key().getSchema());
            }
            if (change.value() != null) {
                schemas.computeIfAbsent(SubjectNames.forTopic(change.topic(), false), s -> new LinkedHashSet<>())
                        .add(change.value().getSchema());
            }
        });
        List<AcceptedSchema> accepted = new ArrayList<>();
        try {
            for (Map.Entry<String, Set<Schema>> e : schemas.entrySet()) {
                for (Schema schema : e.getValue()) {
                    accepted.add(accept(table, e.getKey(), schema));
                }
            }
        } catch (RegistryUnavailableException e) {
            throw new TableOperationException(503, "The schema registry is unreachable: " + e.getMessage(), e);
        }
        LOG.info("accept-schema {}: {} parked changes, schemas {}", table, count[0], accepted);
        return new AcceptResult(table, count[0], accepted);
    }

    private AcceptedSchema accept(String table, String subject, Schema schema) throws InterruptedException {
        Optional<RegisteredSchema> existing = lookup(subject, schema);
        if (existing.isPresent()) {
            return new AcceptedSchema(subject, existing.get().id(), existing.get().version(), false, null);
        }
        try {
            int id = registry.register(subject, schema);
            return new AcceptedSchema(subject, id, lookup(subject, schema).map(RegisteredSchema::version).orElse(-1), false, null);
        } catch (RegistryRequestException e) {
            if (e.httpStatus() != 409) {
                throw new TableOperationException(409, "The schema registry refuses the schema of subject " + subject
                        + " for another reason than compatibility (HTTP " + e.httpStatus() + "): " + e.getMessage()
                        + "; no compatibility level makes it accept that schema", e);
            }
        }
        Optional<String> previous = compatibility.subjectLevel(subject);
        String was = previous.orElse("the global level");
        LOG.warn("Compatibility override for parked table {}: subject {} set to NONE (was {}) to register the schema the "
                + "registry refused ({}), requested with POST /tables/{}/accept-schema. Consumers of the topic must be "
                + "able to read it.", table, subject, was, schema.getFullName(), table);
        compatibility.set(subject, "NONE");
        int id;
        try {
            id = registry.register(subject, schema);
        } finally {
            if (previous.isPresent()) {
                compatibility.set(subject, previous.get());
            } else {
                compatibility.clear(subject);
            }
            LOG.warn("Compatibility override ended: subject {} is back to {}", subject, was);
        }
        int version = lookup(subject, schema).map(RegisteredSchema::version).orElse(-1);
        LOG.warn("Accepted the refused schema of table {} as subject {} version {} (schema id {})", table, subject, version, id);
        return new AcceptedSchema(subject, id, version, true, previous.orElse(null));
    }

    private Optional<RegisteredSchema> lookup(String subject, Schema schema) {
        return registry.lookup(subject, schema);
    }

    @Override
    public synchronized ResumeResult resume(String table) throws InterruptedException {
        ParkedTable parked = parkedOrThrow(table);
        pipelineLock.lockInterruptibly();
        try {
            // pass 1: everything converts and serializes (schemas registered); nothing sent
            int[] checked = new int[1];
            forEachDistinct(parked, change -> {
                try {
                    serializer.key(change);
                    serializer.value(change);
                } catch (SchemaRejectedException e) {
                    throw new TableOperationException(409, "Table " + table + " stays parked, nothing was replayed: "
                            + e.getMessage() + ". POST /tables/" + table + "/accept-schema first (or change the subject's "
                            + "compatibility level), then resume again.", e);
                } catch (DependencyUnavailableException e) {
                    throw new TableOperationException(503, "Table " + table + " stays parked, nothing was replayed: "
                            + e.getMessage(), e);
                } catch (RuntimeException e) {
                    throw new TableOperationException(409, "Table " + table + " stays parked, nothing was replayed: the "
                            + "parked change at LSN " + change.lsn() + " still cannot be encoded: " + e.getMessage(), e);
                }
                checked[0]++;
            });
            // pass 2: send in order, every acknowledgement awaited
            List<CompletableFuture<Void>> window = new ArrayList<>();
            int[] sent = new int[1];
            int duplicates = forEachDistinct(parked, change -> {
                window.add(sink.send(change));
                sent[0]++;
                if (window.size() >= ACK_WINDOW) {
                    awaitAll(window, table);
                }
            });
            awaitAll(window, table);
            if (sent[0] != checked[0]) {
                throw new TableOperationException(500, "Table " + table + " stays parked: " + checked[0] + " parked changes "
                        + "were checked but " + sent[0] + " read for the replay; resume again (replayed changes are sent "
                        + "again, consumers discard them by LSN)", null);
            }
            tables.unpark(table);
            metrics.changesReplayed(table, sent[0]);
            LOG.info("Resumed table {}: {} parked changes replayed in order into {} ({} parked twice, skipped); it "
                    + "streams normally again", table, sent[0], parked.topic(), duplicates);
            return new ResumeResult(table, parked.topic(), sent[0], duplicates);
        } finally {
            pipelineLock.unlock();
        }
    }

    private void awaitAll(List<CompletableFuture<Void>> window, String table) throws InterruptedException {
        for (CompletableFuture<Void> ack : window) {
            try {
                ack.get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                throw new TableOperationException(503, "Kafka did not acknowledge a replayed change of " + table + ": "
                        + cause + ". The table stays parked; resume again once Kafka is healthy (changes already "
                        + "replayed are sent again, consumers discard them by LSN)", cause);
            }
        }
        window.clear();
    }

    private interface ChangeAction {
        void accept(AvroChange change) throws InterruptedException;
    }

    /** Converts each parked change once (same LSN, kind, op and key: parked twice); returns the duplicates skipped. */
    private int forEachDistinct(ParkedTable parked, ChangeAction action) throws InterruptedException {
        Set<String> seen = new HashSet<>();
        int[] duplicates = new int[1];
        source.forEach(parked, record -> {
            SourceRecord connect;
            try {
                connect = codec.decode(record.json());
            } catch (RuntimeException e) {
                throw new TableOperationException(500, "The parked record at offset " + record.offset() + " of "
                        + parked.parkingTopic() + " cannot be read: " + e.getMessage(), e);
            }
            RecordOrigin origin = ChangeEventConverter.origin(connect);
            String identity = origin.lsn() + "|" + origin.kind() + "|" + origin.op() + "|"
                    + ParkedChangeCodec.keyPayload(record.json());
            if (!seen.add(identity)) {
                duplicates[0]++;
                return;
            }
            AvroChange change;
            try {
                change = converter.convert(connect);
            } catch (RuntimeException e) {
                throw new TableOperationException(409, "Table " + parked.table() + " stays parked, nothing was replayed: the "
                        + "parked change at LSN " + origin.lsn() + " (offset " + record.offset() + " of "
                        + parked.parkingTopic() + ") still cannot be converted: " + e.getMessage(), e);
            }
            action.accept(change);
        });
        return duplicates[0];
    }

    private ParkedTable parkedOrThrow(String table) {
        ParkedTable parked = tables.get(table);
        if (parked == null) {
            throw new TableOperationException(404, "Table " + table + " is not parked (parked tables: "
                    + tables.all().stream().map(ParkedTable::table).toList() + "); name it as <schema>.<table>", null);
        }
        return parked;
    }
}
