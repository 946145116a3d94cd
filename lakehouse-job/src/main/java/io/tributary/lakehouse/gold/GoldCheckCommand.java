package io.tributary.lakehouse.gold;

import io.tributary.lakehouse.config.LakehouseConfig;
import io.tributary.lakehouse.reconcile.PostgresSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lakehouse-job gold-check}: every closed window of serving, plus the late changes serving keeps, against a
 * recomputation with SQL from the source tables ({@link GoldRecomputation}, {@link GoldComparison}). PostgreSQL only:
 * no Spark session, no S3.
 */
@Command(name = "gold-check", mixinStandardHelpOptions = true,
        description = {"Recompute gold's closed windows from PostgreSQL (SQL over <schema>.orders and .products) and"
                + " compare them with serving.* plus the late changes in serving.late_deltas.",
                "Closed: ending at or before the watermark serving.gold_progress records. Run it when the gold query"
                        + " has read every change (a change not read yet differs until it is).",
                "Exit 0 when every closed window is equal, 3 when some differ (the first are printed), 1 on a"
                        + " failure."})
public final class GoldCheckCommand implements Callable<Integer> {

    public static final int EXIT_DIFFERENT = 3;

    @Option(names = "--sample", defaultValue = "10", description = "Differing windows printed per table (default ${DEFAULT-VALUE}).")
    int sample;

    @Option(names = "--set", description = "KEY=VALUE lakehouse setting (as for the job).")
    Map<String, String> overrides = new LinkedHashMap<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws SQLException {
        LakehouseConfig config = LakehouseConfig.load(Map.of(), System.getenv(), overrides);
        PostgresSource pg = PostgresSource.fromEnvironment(System.getenv());
        PrintWriter out = spec.commandLine().getOut();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password())) {
            Instant watermark = watermark(c, config.goldQueryName());
            if (watermark == null) {
                spec.commandLine().getErr().println("gold-check: serving.gold_progress has no watermark for query "
                        + config.goldQueryName() + " yet: has the gold query run (TRIBUTARY_GOLD_ENABLED=true for the"
                        + " lakehouse job)?");
                return 1;
            }
            List<LateDelta> late = GoldRecomputation.late(c);
            GoldRecomputation recomputation = new GoldRecomputation(config.sourceSchema(), config.goldSessionGap());
            boolean equal = true;
            out.println("gold-check: closed windows up to the watermark " + watermark + ", with "
                    + late.size() + " windows' late changes");
            for (GoldTable table : GoldTable.values()) {
                GoldRecomputation.Rows served = recomputation.served(c, table, watermark);
                List<GoldComparison.Difference> differences = GoldComparison.compare(served,
                        recomputation.recomputed(c, table, watermark), late, config.goldSessionGap());
                equal &= differences.isEmpty();
                out.println(GoldCheckReport.line(table, served.rows().size(), differences));
                GoldCheckReport.sample(differences, sample).forEach(out::println);
            }
            out.println(equal ? "EQUAL: every closed window equals its recomputation from PostgreSQL."
                    : "DIFFERENT: see the windows above.");
            out.flush();
            return equal ? 0 : EXIT_DIFFERENT;
        }
    }

    private static Instant watermark(Connection c, String query) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT watermark FROM serving.gold_progress WHERE query = ?")) {
            ps.setString(1, query);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getTimestamp(1) != null ? rs.getTimestamp(1).toInstant() : null;
            }
        } catch (SQLException e) {
            throw new SQLException("gold-check: cannot read serving.gold_progress (" + e.getMessage()
                    + "); the gold query creates it on its first start", e.getSQLState(), e);
        }
    }
}
