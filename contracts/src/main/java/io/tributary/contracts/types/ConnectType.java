package io.tributary.contracts.types;

/**
 * The Connect and Debezium logical types whose name cdc-engine keeps in every Avro schema it registers, as the
 * property {@value #CONNECT_NAME} (as Confluent's converter does), and that lakehouse-job reads back to map a column to
 * its Spark type: an Avro {@code int} named {@code io.debezium.time.Date} is a date, a {@code string} named
 * {@code io.debezium.time.ZonedTimestamp} a timestamp with time zone. The names are Debezium's and Kafka Connect's own
 * ({@code io.debezium.time.Date.SCHEMA_NAME}, {@code org.apache.kafka.connect.data.Date.LOGICAL_NAME}, ...), written
 * out here so that a stage without Debezium on its classpath can use them.
 */
public enum ConnectType {
    /** {@code date}: days since the epoch (int). */
    DEBEZIUM_DATE("io.debezium.time.Date"),
    /** {@code timestamp(0..3)} without time zone: epoch millis (long). */
    DEBEZIUM_TIMESTAMP("io.debezium.time.Timestamp"),
    /** {@code timestamp(4..6)} without time zone: epoch micros (long). */
    DEBEZIUM_MICRO_TIMESTAMP("io.debezium.time.MicroTimestamp"),
    /** Nanosecond timestamps without time zone (long). */
    DEBEZIUM_NANO_TIMESTAMP("io.debezium.time.NanoTimestamp"),
    /** {@code time}: micros since midnight (long). */
    DEBEZIUM_MICRO_TIME("io.debezium.time.MicroTime"),
    /** {@code timestamptz}: ISO-8601 text in UTC. */
    ZONED_TIMESTAMP("io.debezium.time.ZonedTimestamp"),
    /** {@code numeric} without precision and scale: a record {scale, value}. */
    VARIABLE_SCALE_DECIMAL("io.debezium.data.VariableScaleDecimal"),
    /** Kafka Connect's own date (int days). */
    CONNECT_DATE("org.apache.kafka.connect.data.Date"),
    /** Kafka Connect's own timestamp (long epoch millis). */
    CONNECT_TIMESTAMP("org.apache.kafka.connect.data.Timestamp");

    /** The Avro schema property that carries the Connect schema's name. */
    public static final String CONNECT_NAME = "connect.name";

    private final String schemaName;

    ConnectType(String schemaName) {
        this.schemaName = schemaName;
    }

    /** The name Debezium or Connect gives the schema, e.g. {@code io.debezium.time.Date}. */
    public String schemaName() {
        return schemaName;
    }

    /** Whether {@code name} (a Connect schema's name or an Avro schema's {@value #CONNECT_NAME}; may be null) is this type. */
    public boolean is(String name) {
        return schemaName.equals(name);
    }
}
