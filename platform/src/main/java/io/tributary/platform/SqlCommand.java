package io.tributary.platform;

import io.tributary.stack.Service;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "sql", mixinStandardHelpOptions = true,
        description = {"Run Spark SQL over the lake (lakehouse-job sql in its own JVM) and print the rows.",
                "Tables: silver.<table> (the live rows), silver_all.<table> (with tombstones; VERSION AS OF n or",
                "TIMESTAMP AS OF '...'), bronze.<table> (the changelog) and lake.quarantine (the poison records).",
                "The function pg_lsn(_lsn) shows an LSN as PostgreSQL prints it (0/1B3E9C8).",
                "A failed query prints Spark's error class, message and position on stderr. Example:",
                "  tributary sql \"SELECT status, count(*) FROM silver.orders GROUP BY status\""})
final class SqlCommand implements Callable<Integer> {
    @Mixin
    StackOptions options;

    @Parameters(index = "0", paramLabel = "<query>", description = "The Spark SQL query.")
    String query;

    @Option(names = "--format", defaultValue = "table", description = "table, csv or json (default ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--max-rows", defaultValue = "100", description = "Rows to print (default ${DEFAULT-VALUE}).")
    int maxRows;

    @Override
    public Integer call() {
        LakehouseTool.Result result = new LakehouseTool(options.stack().attachRunning(Service.S3)).run("sql", LakehouseTool.JOB_MAIN,
                List.of("sql", query, "--format", format, "--max-rows", Integer.toString(maxRows)), System.out);
        if (result.exitCode() != 0) {
            var err = options.err();
            result.failureLines("tributary sql", query).forEach(err::println);
            err.flush();
        }
        return result.exitCode();
    }
}
