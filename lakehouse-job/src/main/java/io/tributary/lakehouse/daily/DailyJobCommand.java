package io.tributary.lakehouse.daily;

import io.tributary.lakehouse.LakehouseJobMain;
import io.tributary.lakehouse.config.LakehouseConfig;
import io.tributary.lakehouse.reconcile.PostgresSource;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;

/**
 * What the daily jobs' commands ({@code daily-sales}, {@code validate}) share: the parent's settings, the day's options
 * ({@link DayOptions}) and a Spark session of its own, named {@code appName}; a subclass says what runs on the day.
 */
abstract class DailyJobCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    LakehouseJobMain parent;

    @CommandLine.Mixin
    DayOptions options = new DayOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final String appName;

    DailyJobCommand(String appName) {
        this.appName = appName;
    }

    @Override
    public final Integer call() throws Exception {
        return options.run(parent, appName, this::runDay);
    }

    /** Runs the job on {@code day} and prints what it did; returns the exit code ({@code timeout} null: no sensor). */
    abstract int runDay(SparkSession spark, LakehouseConfig config, PostgresSource postgres, BusinessDay day,
                        SalesTables tables, Duration timeout) throws Exception;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
