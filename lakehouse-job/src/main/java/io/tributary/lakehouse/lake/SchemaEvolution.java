package io.tributary.lakehouse.lake;

import io.tributary.lakehouse.decode.TypeWidening;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Plans the schema changes a silver table needs before a batch is merged: new columns are added, widened types
 * follow Delta type widening, and a column the batch lacks stays (it becomes NULL from then on, which the merge
 * does by writing every column). Narrower incoming types need nothing (values are cast up). A column changed to
 * text from an integer, decimal or date type is rewritten as text. Anything else is an incompatible change and
 * stops the table with a message that says what to do.
 */
public final class SchemaEvolution {

    /** One change to apply to a table. */
    public sealed interface Step permits AlterStep, RetypeAsText {
        String column();
    }

    /** A change Delta makes with one ALTER TABLE statement. */
    public sealed interface AlterStep extends Step permits AddColumn, WidenColumn {
        /** The Spark SQL statement for a Delta table at {@code tableRef} (e.g. {@code delta.`s3a://...`}). */
        String sql(String tableRef);
    }

    public record AddColumn(String column, DataType type) implements AlterStep {
        @Override
        public String sql(String tableRef) {
            return "ALTER TABLE " + tableRef + " ADD COLUMNS (" + quote(column) + " " + type.sql() + ")";
        }
    }

    public record WidenColumn(String column, DataType from, DataType to) implements AlterStep {
        @Override
        public String sql(String tableRef) {
            return "ALTER TABLE " + tableRef + " ALTER COLUMN " + quote(column) + " TYPE " + to.sql();
        }
    }

    /**
     * A column PostgreSQL changed to text ({@code ALTER COLUMN ... TYPE text}) from a type whose values print alike
     * in both ({@link TypeWidening#printsAsPostgresText}). Delta cannot alter such a type in place: the table is
     * rewritten once with the column cast to string.
     */
    public record RetypeAsText(String column, DataType from) implements Step {
    }

    private SchemaEvolution() {
    }

    public static List<Step> plan(String table, StructType current, StructType incoming) {
        List<Step> steps = new ArrayList<>();
        for (StructField in : incoming.fields()) {
            StructField existing = find(current, in.name());
            if (existing == null) {
                steps.add(new AddColumn(in.name(), in.dataType()));
            } else if (!existing.dataType().equals(in.dataType())) {
                if (canWiden(existing.dataType(), in.dataType())) {
                    steps.add(new WidenColumn(in.name(), existing.dataType(), in.dataType()));
                } else if (in.dataType().equals(DataTypes.StringType)
                        && TypeWidening.printsAsPostgresText(existing.dataType())) {
                    steps.add(new RetypeAsText(in.name(), existing.dataType()));
                } else if (!canWiden(in.dataType(), existing.dataType())) {
                    throw new SchemaEvolutionException("silver table " + table + ", column " + in.name()
                            + ": type " + existing.dataType().sql() + " cannot change to " + in.dataType().sql()
                            + ". Delta type widening supports byte->short->int->long, float->double, larger decimals"
                            + " and date->timestamp_ntz. Add a new column in Postgres instead, or rebuild the table:"
                            + " stop the job, delete silver/" + table + " and the checkpoint, and replay from bronze"
                            + " or a new snapshot.");
                }
            }
        }
        return steps;
    }

    /** True when Delta type widening can change a column of type {@code from} to {@code to}. */
    public static boolean canWiden(DataType from, DataType to) {
        return TypeWidening.canWiden(from, to);
    }

    /** The field of {@code type} named {@code name}, ignoring case (as Spark resolves columns), or null. */
    static StructField find(StructType type, String name) {
        for (StructField f : type.fields()) {
            if (f.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        return null;
    }

    /** A Spark SQL identifier in backticks. */
    public static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }
}
