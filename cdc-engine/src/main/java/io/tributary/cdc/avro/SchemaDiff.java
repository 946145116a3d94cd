package io.tributary.cdc.avro;

import java.util.ArrayList;
import java.util.List;

import org.apache.avro.Schema;

/**
 * Describes, column by column, how a table's row schema changed between two versions, so that a refused
 * schema can be reported as "table shop.orders, column total: type int -> string".
 */
public final class SchemaDiff {
    private SchemaDiff() {
    }

    /**
     * Compares the row records of two key or envelope schemas (for an envelope, its {@code after} record).
     * Returns one line per added, removed or changed column; empty if the rows are equal.
     */
    public static List<String> describe(Schema previous, Schema next) {
        Schema oldRow = row(previous);
        Schema newRow = row(next);
        List<String> changes = new ArrayList<>();
        if (oldRow == null || newRow == null) {
            return changes;
        }
        for (Schema.Field f : newRow.getFields()) {
            Schema.Field old = oldRow.getField(f.name());
            if (old == null) {
                changes.add("column " + f.name() + " added as " + typeName(f.schema())
                        + (f.hasDefaultValue() ? " with default" : " without a default (NOT NULL without DEFAULT?)"));
            } else if (!old.schema().equals(f.schema())) {
                changes.add("column " + f.name() + " changed from " + typeName(old.schema()) + " to " + typeName(f.schema()));
            }
        }
        for (Schema.Field f : oldRow.getFields()) {
            if (newRow.getField(f.name()) == null) {
                changes.add("column " + f.name() + " removed");
            }
        }
        return changes;
    }

    private static Schema row(Schema schema) {
        if (schema == null || schema.getType() != Schema.Type.RECORD) {
            return null;
        }
        Schema.Field after = schema.getField("after");
        return after == null ? schema : ConnectAvroConverter.nonNull(after.schema());
    }

    static String typeName(Schema schema) {
        if (schema.getType() == Schema.Type.UNION) {
            List<String> branches = new ArrayList<>();
            for (Schema s : schema.getTypes()) {
                branches.add(typeName(s));
            }
            return String.join("|", branches);
        }
        String base = schema.getLogicalType() != null ? schema.getLogicalType().getName() : schema.getType().getName();
        if (schema.getLogicalType() instanceof org.apache.avro.LogicalTypes.Decimal d) {
            base = "decimal(" + d.getPrecision() + "," + d.getScale() + ")";
        }
        return base;
    }
}
