package io.tributary.lakehouse.daily;

import io.tributary.lakehouse.config.LakehouseConfig;
import io.tributary.lakehouse.lake.LakePaths;
import io.tributary.lakehouse.reconcile.PostgresSource;
import java.io.PrintWriter;
import java.time.Instant;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;

/** {@code validate --date D}: docs/history.md. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check a day: its orders counted in PostgreSQL against history, history's current rows against",
                "silver, gold.daily_sales against a recomputation from history, its required columns not null, its",
                "key (date, category) unique, its values in range, and serving.daily_sales against it. Writes a row per",
                "check to gold.validation_results (the day replaced) and prints them. Waits first like daily-sales.",
                "Exit 0 all passed, 3 a check failed (the last line names each), 1 failed, 2 bad option, 5 the lake",
                "did not catch up within --timeout."})
public final class ValidateCommand extends DailyJobCommand {

    public ValidateCommand() {
        super("tributary-validate");
    }

    @Override
    int runDay(SparkSession spark, LakehouseConfig config, PostgresSource postgres, BusinessDay day, SalesTables tables,
               java.time.Duration timeout) throws Exception {
        ValidationReport report = run(spark, config, postgres, day, tables, timeout);
        PrintWriter out = out();
        out.print(report.toText());
        out.flush();
        if (report.exitCode() != 0) {
            err().println("validate " + day + ": failed checks: " + String.join(", ",
                    report.failed().stream().map(CheckResult::check).toList()));
        }
        return report.exitCode();
    }

    /** The job on a given session (also used by tests): sensor, history, the checks, their results in gold. */
    public static ValidationReport run(SparkSession spark, LakehouseConfig config, PostgresSource postgres,
                                       BusinessDay day, SalesTables tables, java.time.Duration timeout) throws Exception {
        DayPreparation.prepare(spark, config, postgres, day, tables, timeout);
        LakePaths paths = new LakePaths(config.lakeRoot());
        ValidationReport report = new DailyValidation(spark, paths, tables, postgres, config.sourceSchema()).run(day);
        ValidationResults.write(spark, paths, report, Instant.now(), DayPreparation.retry(config));
        return report;
    }
}
