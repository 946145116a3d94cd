package io.tributary.lakehouse.lake;

import io.tributary.lakehouse.cdc.Op;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import scala.jdk.javaapi.CollectionConverters;

/**
 * What a change row of the lake (silver's merge source, bronze as the history fold reads it) says about the source
 * row, as a {@link io.tributary.lakehouse.cdc.Change} holds it: the row image after the change, and the columns
 * PostgreSQL did not send (unchanged TOAST values, whose stored value must be kept).
 */
public final class ChangeRowImage {
    private ChangeRowImage() {
    }

    /** The values of {@code dataColumns} in their order when {@code op} carries a row; empty for deletes and truncates. */
    public static Map<String, Object> values(Row r, Op op, List<String> dataColumns) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (op.carriesRow()) {
            for (String column : dataColumns) {
                values.put(column, r.getAs(column));
            }
        }
        return values;
    }

    /** The column names listed in the array column {@code column}; none when it is null. */
    public static Set<String> unavailable(Row r, String column) {
        Set<String> unavailable = new HashSet<>();
        scala.collection.Seq<String> listed = r.getAs(column);
        if (listed != null) {
            unavailable.addAll(CollectionConverters.asJava(listed));
        }
        return unavailable;
    }
}
