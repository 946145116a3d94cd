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
                "TIMESTAMP AS OF '...'), bronze.<table> (the changelog), history.<table> (SCD type 2: one row per",
                "version, valid_from/valid_to; `lakehouse-job history` builds it), gold.<table> and lake.quarantine",
                "(the poison records). With --as-of INSTANT, as_of.<table> is each history table as it was then.",
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

    @Option(names = "--as-of", paramLabel = "INSTANT", description = "Also register as_of.<table>: each history table"
            + " as it was at this instant (2026-12-01T10:00:00Z), data columns only.")
    String asOf;

    @Override
    public Integer call() {
        List<String> args = new java.util.ArrayList<>(List.of("sql", query, "--format", format, "--max-rows",
                Integer.toString(maxRows)));
        if (asOf != null) {
            args.addAll(List.of("--as-of", asOf));
        }
        LakehouseTool.Result result = new LakehouseTool(options.stack().attachRunning(Service.S3)).run("sql",
                LakehouseTool.JOB_MAIN, args, System.out);
        if (result.exitCode() != 0) {
            var err = options.err();
            result.failureLines("tributary sql", query).forEach(err::println);
            err.flush();
        }
        return result.exitCode();
    }
}
