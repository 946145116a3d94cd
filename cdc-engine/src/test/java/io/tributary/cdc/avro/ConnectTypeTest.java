package io.tributary.cdc.avro;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.contracts.types.ConnectType;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.junit.jupiter.api.Test;

/** The type names lakehouse-job reads from {@code contracts} are the ones Debezium and Connect put on the schemas. */
class ConnectTypeTest {

    @Test
    void theContractsNamesAreDebeziumsAndConnectsOwn() {
        Map<ConnectType, String> names = Arrays.stream(ConnectType.values())
                .collect(Collectors.toMap(Function.identity(), ConnectType::schemaName));
        assertThat(names).isEqualTo(Map.of(
                ConnectType.DEBEZIUM_DATE, io.debezium.time.Date.SCHEMA_NAME,
                ConnectType.DEBEZIUM_TIMESTAMP, io.debezium.time.Timestamp.SCHEMA_NAME,
                ConnectType.DEBEZIUM_MICRO_TIMESTAMP, io.debezium.time.MicroTimestamp.SCHEMA_NAME,
                ConnectType.DEBEZIUM_NANO_TIMESTAMP, io.debezium.time.NanoTimestamp.SCHEMA_NAME,
                ConnectType.DEBEZIUM_MICRO_TIME, io.debezium.time.MicroTime.SCHEMA_NAME,
                ConnectType.ZONED_TIMESTAMP, io.debezium.time.ZonedTimestamp.SCHEMA_NAME,
                ConnectType.VARIABLE_SCALE_DECIMAL, io.debezium.data.VariableScaleDecimal.LOGICAL_NAME,
                ConnectType.CONNECT_DATE, org.apache.kafka.connect.data.Date.LOGICAL_NAME,
                ConnectType.CONNECT_TIMESTAMP, org.apache.kafka.connect.data.Timestamp.LOGICAL_NAME));
        assertThat(ConnectType.DEBEZIUM_DATE.is("io.debezium.time.Date")).isTrue();
        assertThat(ConnectType.DEBEZIUM_DATE.is("io.debezium.time.Timestamp")).isFalse();
        assertThat(ConnectType.DEBEZIUM_DATE.is(null)).isFalse();
    }

    @Test
    void theConverterWritesEachNameUnderTheContractsProperty() {
        ConnectAvroConverter converter = new ConnectAvroConverter();
        Schema date = converter.toAvroSchema(io.debezium.time.Date.builder().build());
        Schema zoned = converter.toAvroSchema(io.debezium.time.ZonedTimestamp.builder().optional().build());
        Schema micros = converter.toAvroSchema(SchemaBuilder.int64().name(io.debezium.time.MicroTimestamp.SCHEMA_NAME)
                .version(1).build());

        assertThat(date.getType()).isEqualTo(Schema.Type.INT);
        assertThat(ConnectType.DEBEZIUM_DATE.is(date.getProp(ConnectType.CONNECT_NAME))).isTrue();
        Schema zonedValue = zoned.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).findFirst().orElseThrow();
        assertThat(ConnectType.ZONED_TIMESTAMP.is(zonedValue.getProp(ConnectType.CONNECT_NAME))).isTrue();
        assertThat(ConnectType.DEBEZIUM_MICRO_TIMESTAMP.is(micros.getProp(ConnectType.CONNECT_NAME))).isTrue();
        assertThat(micros.getLogicalType().getName()).isEqualTo("local-timestamp-micros");
    }
}
