package io.tributary.cdc.pipeline;

import io.tributary.cdc.avro.AvroChange;
import io.tributary.cdc.avro.RecordOrigin;
import io.tributary.cdc.parking.ParkedChange;

/**
 * What the batch handler does with one engine record: name it without converting it, convert it to Avro, or write
 * its self-describing parked form. Production: {@link SourceRecords}; tests use plain strings.
 *
 * @param <R> the engine's record type
 */
public interface EngineRecords<R> {
    /** Topic, table, kind, op and LSN; never fails on a record the engine delivered. */
    RecordOrigin origin(R record);

    /** The Avro change; throws when a value cannot be converted. */
    AvroChange convert(R record);

    /** The parked form (JSON with the Connect schema, no registry needed). */
    ParkedChange parked(R record, RecordOrigin origin);
}
