package io.tributary.lakehouse.lake;

import static org.apache.spark.sql.functions.col;

import io.tributary.lakehouse.decode.TableLayout;
import io.tributary.lakehouse.decode.TypeWidening;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rewrites a Delta table once when PostgreSQL changed columns to text ({@code ALTER COLUMN v TYPE text}, accepted
 * into the registry with {@code tributary schema accept}): Delta cannot change int to string in place, so the rows are
 * read and written back with those columns cast to string, under {@code overwriteSchema} (one commit: a crash before
 * it changes nothing, the table's properties stay, earlier versions stay readable by time travel). Only types whose
 * values Spark prints as PostgreSQL does qualify ({@link TypeWidening#printsAsPostgresText}).
 */
final class TextRetype {

    private static final Logger LOG = LoggerFactory.getLogger(TextRetype.class);

    private TextRetype() {
    }

    /** Columns of {@code stored} that {@code incoming} carries as text and that can be rewritten as text. */
    static List<String> columns(StructType stored, StructType incoming) {
        List<String> out = new ArrayList<>();
        for (StructField in : incoming.fields()) {
            StructField existing = SchemaEvolution.find(stored, in.name());
            if (existing != null && in.dataType().equals(DataTypes.StringType)
                    && TypeWidening.printsAsPostgresText(existing.dataType())) {
                out.add(existing.name());
            }
        }
        return out;
    }

    /** Silver: top-level columns. */
    static void silver(SparkSession spark, String path, List<String> columns) {
        Dataset<Row> rows = spark.read().format("delta").load(path);
        for (String c : columns) {
            rows = rows.withColumn(c, col(SchemaEvolution.quote(c)).cast(DataTypes.StringType));
        }
        rows.write().format("delta").mode(SaveMode.Overwrite).option("overwriteSchema", "true").save(path);
        LOG.info("{}: columns {} rewritten as text", path, columns);
    }

    /** Bronze: the columns inside the before and after images, partitioning kept. */
    static void bronze(SparkSession spark, String path, List<String> columns, String partitionColumn) {
        Dataset<Row> rows = spark.read().format("delta").load(path);
        for (String image : List.of(TableLayout.BEFORE, TableLayout.AFTER)) {
            for (String c : columns) {
                rows = rows.withColumn(image, col(image).withField(c,
                        col(image + "." + SchemaEvolution.quote(c)).cast(DataTypes.StringType)));
            }
        }
        rows.write().format("delta").mode(SaveMode.Overwrite).option("overwriteSchema", "true")
                .partitionBy(partitionColumn).save(path);
        LOG.info("{}: columns {} of the before and after images rewritten as text", path, columns);
    }
}
