package io.tributary.cdc.tables;

import io.tributary.cdc.config.PostgresLogin;
import io.tributary.cdc.monitor.CdcMetrics;
import io.tributary.contracts.tables.TableProblem;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads, on a schedule, the catalog facts of every table in the captured schemas ({@link CapturedTableFacts}) and
 * reports each problem once when it appears (WARN, naming the table and the statement to run) and once when it is
 * gone (INFO); the current ones are the metric {@code tributary_cdc_table_problem{table,problem}}. A failed read is
 * logged and retried at the next tick: it never stops the capture.
 */
public final class CapturedTablesWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CapturedTablesWatch.class);
    static final String QUERY = "SELECT n.nspname || '.' || c.relname, c.relreplident, "
            + "EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisprimary), "
            + "has_table_privilege(c.oid, 'SELECT') "
            + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            + "WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND n.nspname = ANY (?) ORDER BY 1";

    private final String jdbcUrl;
    private final Properties credentials;
    private final String cdcRole;
    private final List<String> schemas;
    private final CdcMetrics metrics;
    private Map<String, List<TableProblem>> reported = Map.of();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "captured-tables-watch");
        t.setDaemon(true);
        return t;
    });

    public CapturedTablesWatch(String jdbcUrl, String user, String password, List<String> schemas, CdcMetrics metrics) {
        this.jdbcUrl = jdbcUrl;
        this.credentials = PostgresLogin.of(user, password, "tributary-cdc-table-watch", 30);
        this.cdcRole = user;
        this.schemas = List.copyOf(schemas);
        this.metrics = metrics;
    }

    /** Checks now, then every {@code interval}. */
    public void start(Duration interval) {
        scheduler.scheduleWithFixedDelay(this::checkOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Reads the facts once and reports what changed; returns the problems per table (empty if the read failed). */
    public synchronized Map<String, List<TableProblem>> checkOnce() {
        List<CapturedTableFacts> facts;
        try {
            facts = read();
        } catch (SQLException e) {
            LOG.warn("Cannot read the captured tables' catalog facts: {} (SQL state {}); next try at the next interval",
                    e.getMessage(), e.getSQLState());
            return Map.of();
        }
        Map<String, List<TableProblem>> now = new TreeMap<>();
        for (CapturedTableFacts f : facts) {
            List<TableProblem> problems = f.problems();
            if (!problems.isEmpty()) {
                now.put(f.table(), problems);
            }
        }
        report(reported, now);
        reported = now;
        metrics.tableProblems(now);
        return now;
    }

    private void report(Map<String, List<TableProblem>> before, Map<String, List<TableProblem>> now) {
        added(before, now).forEach((table, problems) -> problems.forEach(p -> LOG.warn("{}", p.message(table, cdcRole))));
        added(now, before).forEach((table, problems) -> problems.forEach(p ->
                LOG.info("Table {}: {} is resolved (or the table is gone)", table, p.label())));
    }

    /** The problems in {@code now} that were not in {@code before}, per table. */
    static Map<String, List<TableProblem>> added(Map<String, List<TableProblem>> before,
                                                 Map<String, List<TableProblem>> now) {
        Map<String, List<TableProblem>> added = new TreeMap<>();
        now.forEach((table, problems) -> {
            List<TableProblem> fresh = problems.stream()
                    .filter(p -> !before.getOrDefault(table, List.of()).contains(p)).toList();
            if (!fresh.isEmpty()) {
                added.put(table, fresh);
            }
        });
        return added;
    }

    private List<CapturedTableFacts> read() throws SQLException {
        List<CapturedTableFacts> facts = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, credentials);
             PreparedStatement st = c.prepareStatement(QUERY)) {
            Array names = c.createArrayOf("text", schemas.toArray());
            st.setArray(1, names);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    facts.add(new CapturedTableFacts(rs.getString(1), rs.getString(2).charAt(0), rs.getBoolean(3),
                            rs.getBoolean(4)));
                }
            }
        }
        return facts;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
