package io.tributary.lakehouse.daily;

import io.tributary.lakehouse.lake.CommitRetry;
import io.tributary.lakehouse.lake.LakePaths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** {@code gold.validation_results}: a row per check of the last {@code validate} of each day (the day replaced). */
public final class ValidationResults {

    public static final String TABLE = "validation_results";

    static final StructType SCHEMA = new StructType()
            .add("date", DataTypes.DateType, false)
            .add("check", DataTypes.StringType, false)
            .add("passed", DataTypes.BooleanType, false)
            .add("observed", DataTypes.StringType, true)
            .add("expected", DataTypes.StringType, true)
            .add("detail", DataTypes.StringType, true)
            .add("checked_at", DataTypes.TimestampType, false);

    private ValidationResults() {
    }

    public static void write(SparkSession spark, LakePaths paths, ValidationReport report, Instant checkedAt,
                             CommitRetry retry) {
        List<Row> rows = new ArrayList<>();
        for (CheckResult c : report.checks()) {
            rows.add(RowFactory.create(report.day().date(), c.check(), c.passed(), c.observed(), c.expected(),
                    c.detail(), checkedAt));
        }
        retry.run("replace " + report.day() + " in gold." + TABLE, () -> {
            spark.createDataFrame(rows, SCHEMA).write().format("delta").mode(SaveMode.Overwrite)
                    .option("replaceWhere", "date = " + report.day().sqlLiteral())
                    .partitionBy("date")
                    .save(paths.gold(TABLE));
            return null;
        });
    }
}
