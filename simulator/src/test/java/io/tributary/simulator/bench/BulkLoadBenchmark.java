package io.tributary.simulator.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.simulator.CliRun;
import io.tributary.stack.LocalStack;
import io.tributary.stack.PostgresEndpoint;
import io.tributary.stack.Service;
import io.tributary.stack.StackSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Not a test: {@code run --mode bulk} against the local stack's real PostgreSQL (synchronous_commit on,
 * wal_level logical, no replication slot), on csv-data/ as the end-to-end benchmark loads it, for each
 * combination of workers and batch size; a fresh schema per combination. CPU is read from /proc: the simulator
 * (this JVM) and PostgreSQL (the postmaster with its exited children, and its live ones). Run from the simulator
 * module:
 * <pre>java -cp target/test-classes:target/classes:&lt;test classpath&gt;
 *     io.tributary.simulator.bench.BulkLoadBenchmark [duration] [workers,...] [batch sizes,...] [rate]</pre>
 * Defaults: 30s, 1,2,4, 100,500, max. Prints one line per combination: changes/s, transactions/s, WAL bytes per
 * change.
 */
public final class BulkLoadBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(BulkLoadBenchmark.class);

    private BulkLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String duration = args.length > 0 ? args[0] : "30s";
        String[] workers = (args.length > 1 ? args[1] : "1,2,4").split(",");
        String[] batches = (args.length > 2 ? args[2] : "100,500").split(",");
        String rate = args.length > 3 ? args[3] : "max";
        Path csv = Path.of("").toAbsolutePath().getParent().resolve("csv-data");
        Path dir = Path.of("target/bench-bulk-" + System.currentTimeMillis()).toAbsolutePath();
        List<String> results = new ArrayList<>();
        try (LocalStack stack = LocalStack.start(StackSettings.forTests(dir.resolve("stack")), Service.POSTGRES)) {
            PostgresEndpoint pg = stack.postgres();
            Path password = Files.writeString(dir.resolve("app-password"), pg.appPassword());
            // every autovacuum in the server log (stack/logs/postgres.log), next to the checkpoints
            superSql(pg, "ALTER SYSTEM SET log_autovacuum_min_duration = 0");
            superSql(pg, "SELECT pg_reload_conf()");
            int n = 0;
            for (String b : batches) {
                for (String w : workers) {
                    String schema = "bulk_" + (n++);
                    superSql(pg, "CREATE SCHEMA " + schema + " AUTHORIZATION tributary_app");
                    CliRun load = CliRun.of("load", "--pg-host", pg.host(), "--pg-port", String.valueOf(pg.port()),
                            "--pg-password-file", password.toString(), "--schema", schema, csv.toString());
                    if (load.exitCode() != 0) {
                        throw new IllegalStateException("load failed: " + load.err());
                    }
                    superSql(pg, "CHECKPOINT");
                    long pid = postmasterPid(dir.resolve("stack"));
                    long pgCpuBefore = postgresCpuTicks(pid);
                    long jvmCpuBefore = cpuTicks(ProcessHandle.current().pid(), false);
                    String lsnBefore = superString(pg, "SELECT pg_current_wal_lsn()::text");
                    CliRun run = CliRun.of("run", "--mode", "bulk", "--pg-host", pg.host(), "--pg-port",
                            String.valueOf(pg.port()), "--pg-password-file", password.toString(), "--schema", schema,
                            "--rate", rate, "--duration", duration, "--workers", w, "--batch-size", b, "--seed", "42",
                            "--metrics-port", "0", "--progress-interval", "10s");
                    // the workers' backends exit after the run: wait, so that their CPU is in the postmaster's cutime
                    while (Long.parseLong(superString(pg, "SELECT count(*) FROM pg_stat_activity"
                            + " WHERE application_name = 'tributary-simulator'")) > 0) {
                        Thread.sleep(50);
                    }
                    Thread.sleep(200);
                    double pgCpu = (postgresCpuTicks(pid) - pgCpuBefore) / TICKS;
                    double jvmCpu = (cpuTicks(ProcessHandle.current().pid(), false) - jvmCpuBefore) / TICKS;
                    String walBytes = superString(pg, "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '" + lsnBefore
                            + "')::bigint::text");
                    if (run.exitCode() != 0) {
                        throw new IllegalStateException("run failed: " + run.err());
                    }
                    JsonNode s = new ObjectMapper().readTree(run.out());
                    double seconds = s.get("elapsedSeconds").asDouble();
                    String load1 = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
                    String line = String.format(Locale.ROOT, "workers %s batch %s: %,.0f changes/s (%,d changes in %.1f s,"
                                    + " %.0f tx/s, insert/update/delete %s), WAL %,.0f bytes per change, %.1f MB/s,"
                                    + " CPU per 1,000 changes: PostgreSQL %.0f ms, simulator %.0f ms; load average %s", w, b,
                            s.get("achievedRate").asDouble(), s.get("changes").asLong(), seconds,
                            s.get("transactions").asLong() / seconds, s.get("byOperation"),
                            Double.parseDouble(walBytes) / s.get("changes").asLong(), Double.parseDouble(walBytes) / seconds / 1e6,
                            pgCpu * 1e6 / s.get("changes").asLong(), jvmCpu * 1e6 / s.get("changes").asLong(), load1);
                    LOG.info(line);
                    results.add(line);
                    superSql(pg, "DROP SCHEMA " + schema + " CASCADE");
                }
            }
        }
        results.forEach(System.out::println);
    }

    /** USER_HZ of Linux /proc (100 on every common kernel). */
    private static final double TICKS = 100.0;

    /** The postmaster of the stack under {@code stackDir} (its command line names the data directory). */
    private static long postmasterPid(Path stackDir) throws java.io.IOException {
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(x -> x.getFileName().toString().matches("[0-9]+")).toList()) {
                try {
                    String cmd = new String(Files.readAllBytes(p.resolve("cmdline"))).replace('\0', ' ');
                    if (cmd.contains("bin/postgres") && cmd.contains(stackDir.toString()) && !cmd.startsWith("unshare")) {
                        return Long.parseLong(p.getFileName().toString());
                    }
                } catch (java.io.IOException gone) {
                    // exited meanwhile
                }
            }
        }
        throw new IllegalStateException("no postmaster under " + stackDir);
    }

    /** utime + stime (+ cutime + cstime: reaped children) of a process, in ticks; 0 when it is gone. */
    private static long cpuTicks(long pid, boolean withReapedChildren) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields after the command: state(3) ppid(4) ... utime(14) stime(15) cutime(16) cstime(17)
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return withReapedChildren ? ticks + Long.parseLong(f[13]) + Long.parseLong(f[14]) : ticks;
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The postmaster with its exited backends, plus its live children (checkpointer, WAL writer, backends...). */
    private static long postgresCpuTicks(long postmaster) throws java.io.IOException {
        long ticks = cpuTicks(postmaster, true);
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(x -> x.getFileName().toString().matches("[0-9]+")).toList()) {
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    if (Long.parseLong(f[1]) == postmaster) {
                        ticks += cpuTicks(Long.parseLong(p.getFileName().toString()), false);
                    }
                } catch (java.io.IOException gone) {
                    // exited meanwhile
                }
            }
        }
        return ticks;
    }

    private static void superSql(PostgresEndpoint pg, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.superUser(), pg.superPassword());
             Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static String superString(PostgresEndpoint pg, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.superUser(), pg.superPassword());
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
