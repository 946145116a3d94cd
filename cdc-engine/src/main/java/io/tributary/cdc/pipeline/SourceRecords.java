package io.tributary.cdc.pipeline;

import io.debezium.engine.RecordChangeEvent;
import io.tributary.cdc.avro.AvroChange;
import io.tributary.cdc.avro.ChangeEventConverter;
import io.tributary.cdc.avro.RecordOrigin;
import io.tributary.cdc.parking.ParkedChange;
import io.tributary.cdc.parking.ParkedChangeCodec;
import org.apache.kafka.connect.source.SourceRecord;

/** {@link EngineRecords} of the embedded Debezium engine (Connect format). */
public final class SourceRecords implements EngineRecords<RecordChangeEvent<SourceRecord>> {
    private final ChangeEventConverter converter;
    private final ParkedChangeCodec codec;

    public SourceRecords(ChangeEventConverter converter, ParkedChangeCodec codec) {
        this.converter = converter;
        this.codec = codec;
    }

    @Override
    public RecordOrigin origin(RecordChangeEvent<SourceRecord> record) {
        return ChangeEventConverter.origin(record.record());
    }

    @Override
    public AvroChange convert(RecordChangeEvent<SourceRecord> record) {
        return converter.convert(record.record());
    }

    @Override
    public ParkedChange parked(RecordChangeEvent<SourceRecord> record, RecordOrigin origin) {
        return new ParkedChange(origin.table(), origin.kind(), origin.op(), origin.lsn(), codec.encode(record.record()));
    }
}
