package io.tributary.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.contracts.stage.StageEnvironment;
import io.tributary.contracts.stage.StageMain;
import io.tributary.scheduler.fixture.RecordingJob;
import io.tributary.stack.LocalStack;
import io.tributary.stack.ManagedProcess;
import io.tributary.stack.ModuleLaunch;
import io.tributary.stack.Service;
import io.tributary.stack.StackPorts;
import io.tributary.stack.StackSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import picocli.CommandLine;

/**
 * The scheduler on a real PostgreSQL (the stack's, with init-db's role and tables): scheduler processes started as the
 * stack starts a stage, their jobs a real child JVM ({@link RecordingJob}) that records each run in a file. A run due
 * while the only scheduler was stopped runs once at its restart; two schedulers on one store run a due job once; `run`
 * and `backfill` go through the store and are recorded, a backfill stopping at its failing day.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SchedulerIT {
    private static final DateTimeFormatter CRON_AT = DateTimeFormatter.ofPattern("s m H d M '?' yyyy").withZone(ZoneOffset.UTC);
    private static Path dir;
    private static LocalStack stack;
    private static Path record;
    private static final List<ManagedProcess> nodes = new ArrayList<>();

    @BeforeAll
    static void startPostgres() throws IOException {
        dir = Path.of("target", "it", "SchedulerIT-" + System.currentTimeMillis()).toAbsolutePath();
        Files.createDirectories(dir);
        stack = LocalStack.start(StackSettings.forTests(dir), Service.POSTGRES);
        record = dir.resolve("fixture-runs.txt");
    }

    @AfterAll
    static void stopAll() {
        nodes.forEach(n -> n.stop(Duration.ofSeconds(20)));
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void aRunDueWhileTheSchedulerWasStoppedRunsOnceAtItsRestart() throws Exception {
        Instant due = Instant.now().plusSeconds(20).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Map<String, String> schedule = Map.of("TRIBUTARY_SCHEDULER_DAILY_SALES_CRON", CRON_AT.format(due),
                "TRIBUTARY_SCHEDULER_VALIDATE_CRON", "", "TRIBUTARY_SCHEDULER_MAINTAIN_CRON", "");
        ManagedProcess first = startNode("scheduler-a", schedule);
        assertThat(storedNextRun("daily-sales")).isEqualTo(due.toEpochMilli());
        first.stop(Duration.ofSeconds(30));
        assertThat(Files.readString(first.logFile())).contains("scheduler stops (signal)").contains("scheduler stopped");
        assertThat(Instant.now()).as("the scheduler stopped before the run was due (else this proves nothing)").isBefore(due);

        sleepUntil(due.plusMillis(2500)); // past the misfire threshold (1 s here): a missed run
        assertThat(runs("daily-sales")).isEmpty();
        assertThat(recorded()).isEmpty();

        startNode("scheduler-a", schedule);
        await().atMost(Duration.ofSeconds(60)).until(() -> runs("daily-sales").stream().anyMatch(r -> r.contains("succeeded")));
        Thread.sleep(3_000); // several polls of the store: no second run
        LocalDate dayBefore = LocalDate.ofInstant(due, ZoneOffset.UTC).minusDays(1);
        assertThat(runs("daily-sales")).containsExactly("daily-sales " + dayBefore + " schedule succeeded 0");
        assertThat(recorded()).containsExactly("daily-sales --date " + dayBefore);
        assertThat(lastLines("daily-sales")).contains("fixture job: daily-sales --date " + dayBefore).contains("fixture job done");
        assertThat(storedNextRun("daily-sales")).as("the one-time schedule is used up").isNull();
    }

    @Test
    @Order(2)
    void twoSchedulersOnOneStoreRunADueJobOnceAndRunAndBackfillAreRecorded() throws Exception {
        nodes.forEach(n -> n.stop(Duration.ofSeconds(30)));
        Files.deleteIfExists(record);
        Instant due = Instant.now().plusSeconds(10).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Map<String, String> schedule = Map.of("TRIBUTARY_SCHEDULER_DAILY_SALES_CRON", "",
                "TRIBUTARY_SCHEDULER_VALIDATE_CRON", CRON_AT.format(due), "TRIBUTARY_SCHEDULER_MAINTAIN_CRON", "");
        startNode("scheduler-a", schedule);
        startNode("scheduler-b", schedule);
        sleepUntil(due.plusSeconds(2));
        await().atMost(Duration.ofSeconds(30)).until(() -> runs("validate").stream().anyMatch(r -> r.contains("succeeded")));
        Thread.sleep(2_000);
        LocalDate dayBefore = LocalDate.ofInstant(due, ZoneOffset.UTC).minusDays(1);
        assertThat(runs("validate")).containsExactly("validate " + dayBefore + " schedule succeeded 0");
        assertThat(recorded()).containsExactly("validate --date " + dayBefore);

        // run: through the store, while both schedulers watch it
        Cli run = cli("run", "daily-sales", "--date", "2026-11-30");
        assertThat(run.exitCode).as(run.err).isZero();
        assertThat(run.out).contains("daily-sales 2026-11-30: succeeded (exit code 0)");
        assertThat(runs("daily-sales")).contains("daily-sales 2026-11-30 run succeeded 0");

        // backfill: in order, stopping at the failing day
        Files.writeString(record.resolveSibling("fail-validate-2026-11-02"), "");
        Cli backfill = cli("backfill", "validate", "--from", "2026-11-01", "--to", "2026-11-03");
        assertThat(backfill.exitCode).isEqualTo(SchedulerMain.RUN_FAILED);
        assertThat(backfill.err).contains("backfill of validate stopped at 2026-11-02: the run failed with exit code 3")
                .contains("done: 2026-11-01; not run: 2026-11-03")
                .contains("check orders.customer_id not null failed for 2026-11-02: 1 row")
                .contains("tributary schedule backfill validate --from 2026-11-02 --to 2026-11-03");
        assertThat(runs("validate")).containsExactly("validate 2026-11-02 backfill failed 3",
                "validate 2026-11-01 backfill succeeded 0", "validate " + dayBefore + " schedule succeeded 0");
        assertThat(recorded()).containsExactly("validate --date " + dayBefore, "daily-sales --date 2026-11-30",
                "validate --date 2026-11-01", "validate --date 2026-11-02");

        Cli list = cli("list");
        assertThat(list.exitCode).as(list.err).isZero();
        assertThat(list.out).contains("daily-sales  (on request)").contains("maintain     (on request)")
                .contains("validate     2026-11-02 backfill").contains("failed");
    }

    /** Starts a scheduler process as the stack starts a stage and waits until /health answers 200. */
    private static ManagedProcess startNode(String name, Map<String, String> schedule) {
        int port = StackPorts.freePort();
        Map<String, String> env = new HashMap<>(stack.schedulerLogin());
        env.putAll(schedule);
        env.put(StageEnvironment.Scheduler.DATA_DIR, dir.resolve(name).toString());
        env.put(StageEnvironment.Scheduler.METRICS_PORT, Integer.toString(port));
        env.put("TRIBUTARY_SCHEDULER_JOB_MAIN", RecordingJob.class.getName());
        env.put("TRIBUTARY_SCHEDULER_JOB_CLASSPATH", Path.of("target", "test-classes").toAbsolutePath().toString());
        env.put("TRIBUTARY_SCHEDULER_JOB_JVM_OPTIONS", "-Xmx32m -Xshare:auto");
        env.put("TRIBUTARY_SCHEDULER_POLL_INTERVAL", "1s");
        env.put("TRIBUTARY_SCHEDULER_CHECKIN_INTERVAL", "1s");
        env.put("TRIBUTARY_SCHEDULER_MISFIRE_THRESHOLD", "1s");
        env.put("SCHEDULER_FIXTURE_RECORD", record.toString());
        stack.forget(name);
        ManagedProcess node = stack.launch(ModuleLaunch.of(StageMain.SCHEDULER, List.of("serve"), env, List.of("-Xmx128m"))
                .named(name));
        nodes.add(node);
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
            assertThat(node.isAlive()).as("%s is alive; its log: %s", name, node.logFile()).isTrue();
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
        return node;
    }

    private record Cli(int exitCode, String out, String err) {
    }

    private static Cli cli(String... args) {
        Map<String, String> env = new HashMap<>(stack.serviceEnvironment());
        env.putAll(stack.schedulerLogin());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = SchedulerMain.commandLine(env);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Cli(code, out.toString(), err.toString());
    }

    /** The runs of {@code job}, newest first: "job date requested_by outcome exit_code". */
    private static List<String> runs(String job) throws SQLException, IOException {
        List<String> runs = new ArrayList<>();
        try (Connection c = scheduler(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT job, run_date, requested_by, outcome, exit_code FROM scheduler.job_runs"
                        + " WHERE job = '" + job + "' ORDER BY started_at DESC, run_id DESC")) {
            while (rs.next()) {
                runs.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4) + " "
                        + rs.getString(5));
            }
        }
        return runs;
    }

    private static String lastLines(String job) throws SQLException, IOException {
        try (Connection c = scheduler(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT last_lines FROM scheduler.job_runs WHERE job = '" + job
                        + "' ORDER BY run_id DESC LIMIT 1")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** The next fire time Quartz's store holds for the job's schedule, null when none. */
    private static Long storedNextRun(String job) throws SQLException, IOException {
        try (Connection c = scheduler(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT next_fire_time FROM scheduler.qrtz_triggers WHERE trigger_name = '"
                        + job + "-schedule'")) {
            if (!rs.next()) {
                return null;
            }
            long next = rs.getLong(1);
            return rs.wasNull() || next < 0 ? null : next;
        }
    }

    /** Connected as the scheduler's role, with the password of the file the stack generated. */
    private static Connection scheduler() throws SQLException, IOException {
        Map<String, String> login = stack.schedulerLogin();
        String password = Files.readString(Path.of(login.get(StageEnvironment.Scheduler.PASSWORD + "_FILE"))).strip();
        return DriverManager.getConnection(stack.postgres().jdbcUrl(), login.get(StageEnvironment.Scheduler.USER), password);
    }

    private static List<String> recorded() throws IOException {
        return Files.exists(record) ? Files.readAllLines(record, StandardCharsets.UTF_8) : List.of();
    }

    private static void sleepUntil(Instant when) throws InterruptedException {
        long ms = Duration.between(Instant.now(), when).toMillis();
        if (ms > 0) {
            Thread.sleep(ms);
        }
    }
}
