package io.tributary.cdc.avro;

/**
 * A column's value (or its type) cannot be represented in Avro: a data error of one table, never of the pipeline.
 * Names the column (a dotted path for nested structs, e.g. {@code amount.value}) and its Connect type.
 */
public final class ColumnEncodingException extends IllegalArgumentException {
    private final String column;
    private final String type;

    public ColumnEncodingException(String column, String type, String problem, Throwable cause) {
        super("column " + column + " (" + type + "): " + problem, cause);
        this.column = column;
        this.type = type;
    }

    /** The column, or a dotted path into a struct-valued column. */
    public String column() {
        return column;
    }

    /** The Connect type of the column, e.g. {@code BYTES org.apache.kafka.connect.data.Decimal}. */
    public String type() {
        return type;
    }

    /** The problem without the column prefix. */
    String problem() {
        String message = getMessage();
        int colon = message.indexOf("): ");
        return colon < 0 ? message : message.substring(colon + 3);
    }
}
