package io.tributary.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.contracts.metrics.MetricNames;
import io.tributary.contracts.reconcile.ReconcileJson;
import io.tributary.contracts.reconcile.ReconcileResult;
import io.tributary.contracts.types.TypeMatrix;
import io.tributary.stack.LocalStack;
import io.tributary.stack.PostgresEndpoint;
import io.tributary.stack.StackPorts;
import io.tributary.stack.StackSettings;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * End to end, as a user runs it: {@code tributary demo --duration 30s --rate 100 --schema-changes --keep-running}
 * (its own JVM, free ports) loads csv-data/, streams it and 30 s of simulated business with schema changes through
 * cdc-engine and lakehouse-job, and exits 0 with reconcile equal for every table and bronze rows equal to the
 * changes captured. Then the inspection commands on the stack it left running, then {@code down}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A reconcile line: table postgres silver missing extra differing bronze captured result. */
    private static final Pattern TABLE_LINE = Pattern.compile(
            "^\\s+(\\w+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(equal|DIFFERENT)$", Pattern.MULTILINE);
    /** A line of {@code gold check}: table, closed windows served, equal or how many differ. */
    private static final Pattern GOLD_CHECK_LINE = Pattern.compile(
            "^(revenue_by_category_1m|top_products_5m|customer_sessions)\\s+(\\d+) closed windows served\\s+(equal|\\d+ differ)$",
            Pattern.MULTILINE);
    private static Path dataDir;
    private static StackPorts ports;
    private static int[] metricsPorts;
    private static int demoConsolePort;
    /** The demo's reconcile table: per table postgres, silver, missing, extra, differing, bronze, captured. */
    private static final Map<String, long[]> reconciled = new HashMap<>();

    record Result(int code, String out, String err) {
    }

    @BeforeAll
    static void dirs() throws IOException {
        dataDir = Path.of("target", "it-stacks", "DemoIT-" + System.currentTimeMillis()).toAbsolutePath();
        Files.createDirectories(dataDir);
        ports = StackPorts.free();
        // below the kernel's ephemeral range: a port picked there may be a client socket's by the time a stage binds it
        metricsPorts = java.util.stream.IntStream.generate(StackPorts::freePort).distinct().limit(4).toArray();
        demoConsolePort = metricsPorts[3];
    }

    @AfterAll
    static void cleanUp() {
        LocalStack.attach(StackSettings.builder(dataDir).ports(ports).build()).stopAll();
    }

    static Result cli(int timeoutSeconds, String... args) throws Exception {
        Path out = Files.createTempFile(dataDir, "cli", ".out");
        Path err = Files.createTempFile(dataDir, "cli", ".err");
        Process p = startCli(out, err, args);
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("tributary " + String.join(" ", args) + " did not return in " + timeoutSeconds
                    + " s; output so far:\n" + Files.readString(out) + "\n" + Files.readString(err));
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    static Process startCli(Path out, Path err, String... args) throws IOException {
        return startCli(List.of(), out, err, args);
    }

    static Process startCli(List<String> prefix, Path out, Path err, String... args) throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        String cp = root.resolve("platform/target/classes") + File.pathSeparator
                + Files.readString(root.resolve("platform/target/runtime.classpath")).strip();
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Dtributary.home=" + root, "-cp", cp, TributaryMain.class.getName()));
        // the options belong to the command that runs: `cdc reset` takes them, `cdc` alone does not
        int name = "cdc".equals(args[0]) ? 2 : 1;
        command.addAll(List.of(args).subList(0, name));
        command.addAll(List.of("--data-dir", dataDir.toString()));
        command.addAll(List.of(args).subList(name, args.length));
        return new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    }

    static List<String> portOptions() {
        return List.of("--postgres-port", Integer.toString(ports.postgres()), "--kafka-port", Integer.toString(ports.kafka()),
                "--kafka-controller-port", Integer.toString(ports.kafkaController()),
                "--registry-port", Integer.toString(ports.registry()), "--s3-port", Integer.toString(ports.s3()),
                "--scheduler-port", Integer.toString(ports.scheduler()),
                "--cdc-metrics-port", Integer.toString(metricsPorts[0]),
                "--lakehouse-metrics-port", Integer.toString(metricsPorts[1]),
                "--simulator-metrics-port", Integer.toString(metricsPorts[2]));
    }

    static boolean sigintIgnored(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring(7).strip(), 16) & 0b10) != 0;
            }
        }
        return false;
    }

    /** The processes whose command line names this test's data dir (the stack's servers and stages). */
    static java.util.stream.Stream<ProcessHandle> handlesOfThisDataDir() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(dataDir.toString())).orElse(false));
    }

    static List<String> processesOfThisDataDir() {
        return handlesOfThisDataDir().map(p -> p.pid() + " " + p.info().commandLine().orElse("")).toList();
    }

    /** A console on a free port over the stack the demo left running, sampling every {@code sampleEvery}. */
    static io.tributary.console.ConsoleServer console(java.time.Duration sampleEvery) throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        RunningStack running = new RunningStack(StackSettings.builder(dataDir).projectRoot(root).ports(ports).build(), true);
        return io.tributary.console.ConsoleServer.start(0, ConsoleOptions.PORT_OPTION, new StackConsoleSources(running),
                ConsoleOptions.token(running), sampleEvery);
    }

    @Test
    @Order(1)
    void demoExitsZeroWithTheLakeEqualToPostgresAndBronzeEqualToTheCapturedChanges() throws Exception {
        long begin = System.nanoTime();
        List<String> args = new ArrayList<>(List.of("demo", "--duration", "30s", "--rate", "100", "--schema-changes",
                "--keep-running", "--status-interval", "5s", "--console-port", Integer.toString(demoConsolePort)));
        args.addAll(portOptions());
        Result demo = cli(900, args.toArray(String[]::new));
        System.out.printf("DemoIT: demo took %.0f s%n%s%n", (System.nanoTime() - begin) / 1e9, demo.out());
        assertThat(demo.code()).as("demo exit code; stdout:\n%s\nstderr:\n%s", demo.out(), demo.err()).isZero();
        assertThat(demo.out()).contains("Loaded: [customers 1200, orders 12000, products 240] = 13440 rows")
                .contains("cdc-engine streams: initial snapshot captured (13,440 rows)")
                .contains("RESULT: the lake equals PostgreSQL.")
                .contains("Bronze holds exactly the changes cdc-engine captured");
        assertThat(demo.err()).doesNotContain(new String(Files.readAllBytes(dataDir.resolve("secrets/app_password"))).strip());

        Map<String, long[]> tables = new HashMap<>();
        Matcher m = TABLE_LINE.matcher(demo.out());
        while (m.find()) {
            long[] v = new long[7];
            for (int i = 0; i < 7; i++) {
                v[i] = Long.parseLong(m.group(i + 2));
            }
            tables.put(m.group(1), v);
            assertThat(m.group(9)).as(m.group()).isEqualTo("equal");
        }
        assertThat(tables).containsOnlyKeys("customers", "orders", "products");
        reconciled.putAll(tables);
        assertThat(demo.out()).contains("Console: http://127.0.0.1:" + demoConsolePort + "/")
                .doesNotContain(Files.readString(dataDir.resolve("secrets/console_token")).strip());
        tables.forEach((table, v) -> {
            assertThat(v[0]).as("%s postgres = silver", table).isEqualTo(v[1]);
            assertThat(v[2] + v[3] + v[4]).as("%s missing + extra + differing", table).isZero();
            assertThat(v[5]).as("%s bronze rows = captured changes", table).isEqualTo(v[6]);
        });
        // the snapshot (13,440 rows) plus the simulated changes: more captured than loaded
        assertThat(tables.get("orders")[6]).isGreaterThan(12_000);
        assertThat(tables.values().stream().mapToLong(v -> v[6]).sum()).isGreaterThan(13_440 + 1_000);
        // a status line showed changes flowing
        assertThat(demo.out()).containsPattern("written +[1-9][0-9,]* \\( +[0-9]+/s\\) \\| captured +[1-9]");
        assertLakeWaitProgress(demo.out());
    }

    /**
     * The wait for the lake before reconcile (a reconcile JVM takes longer than the 5 s between lines) printed the
     * lake's backlog: every line counts the CDC topics' partitions and the records left never grow (the simulator has
     * stopped before the wait).
     */
    private static void assertLakeWaitProgress(String out) {
        Matcher wait = Pattern.compile("waiting for the lake: (?:([0-9,]+) records left in [0-9]+ of ([0-9]+) partitions"
                + "|every record of the ([0-9]+) partitions read)").matcher(out);
        List<Long> left = new ArrayList<>();
        int lines = 0;
        while (wait.find()) {
            lines++;
            assertThat(Integer.parseInt(wait.group(2) != null ? wait.group(2) : wait.group(3))).as(wait.group())
                    .isGreaterThanOrEqualTo(3);
            left.add(wait.group(1) == null ? 0L : Long.parseLong(wait.group(1).replace(",", "")));
        }
        assertThat(lines).as("lines of the wait for the lake in:\n%s", out).isPositive();
        assertThat(left).as("records left, line by line").isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    /**
     * The web console in headless Chromium against the stack the demo left running: the page loads without a console
     * error, every chart has data points, the diagram has each service's pid as status --json gives it, the table
     * counts equal the demo's reconcile (PostgreSQL, silver, bronze, captured: nothing writes after it), and the
     * reconcile action is refused without the token. A screenshot goes to target/console.png.
     */
    @Test
    @Order(3)
    void theConsoleShowsTheRunningPipelineInAHeadlessBrowser() throws Exception {
        ConsoleBrowser.assumeInstalled();
        try (var console = console(java.time.Duration.ofSeconds(1));
                ConsoleBrowser browser = ConsoleBrowser.open()) {
            browser.load(console.url(), java.time.Duration.ofSeconds(90));
            assertThat(browser.chartPoints()).as("data points per chart").hasSize(6).allSatisfy((chart, n) ->
                    assertThat(n).as(chart).isGreaterThanOrEqualTo(2));
            assertThat(browser.severeConsoleMessages()).as("browser console errors").isEmpty();

            JsonNode status = JSON.readTree(cli(120, "status", "--json").out());
            Map<String, String> diagram = browser.services();
            status.get("services").forEach(s -> {
                assertThat(diagram).containsKey(s.get("name").asText());
                assertThat(diagram.get(s.get("name").asText())).as(s.get("name").asText())
                        .contains(s.get("state").asText()).contains("pid " + (s.get("pid").isNull() ? "-" : s.get("pid").asText()));
            });

            Map<String, List<String>> tables = browser.tableRows();
            assertThat(tables).containsOnlyKeys(reconciled.keySet());
            reconciled.forEach((table, v) -> assertThat(tables.get(table)).as(table).containsExactly(
                    Long.toString(v[0]), Long.toString(v[6]), Long.toString(v[5]), tables.get(table).get(3), Long.toString(v[1])));

            assertThat(browser.runReconcileWithoutToken()).isEqualTo("401");
            Path shot = browser.screenshot(Path.of("target", "console.png"));
            assertThat(Files.size(shot)).isGreaterThan(10_000);
        }
    }

    /**
     * Issue 24, in the same browser: the lake page of silver/orders/ lists its _delta_log and shows the table's versions,
     * schema and a preview of 100 rows read by the running lakehouse job (a cell per column of its header); the topic page decodes the newest message of the orders topic, whose LSN the lake had applied at the
     * demo's reconcile (and whose after image is the row PostgreSQL, equal to silver, has); the schema page shows a
     * subject's versions and their difference; the Spark UI link answers. Screenshots go to target/console-*.png.
     */
    @Test
    @Order(3)
    void theConsoleBrowsesTheLakeTheTopicsTheSchemasAndLinksSparksUi() throws Exception {
        ConsoleBrowser.assumeInstalled();
        java.time.Duration wait = java.time.Duration.ofSeconds(60);
        try (var console = console(java.time.Duration.ofSeconds(5));
                ConsoleBrowser browser = ConsoleBrowser.open()) {
            long lakePage = System.nanoTime();
            browser.show(console.url() + "lake?path=silver%2Forders%2F", wait);
            System.out.printf("DemoIT: the lake page of silver/orders (with its preview) drew in %.1f s%n",
                    (System.nanoTime() - lakePage) / 1e9);
            assertThat(browser.rows("lake-entries", "prefix")).extracting(r -> r.get("prefix")).contains("silver/orders/_delta_log/");
            assertThat(browser.rows("delta-versions", "version")).as("versions of silver/orders").isNotEmpty()
                    .allSatisfy(r -> assertThat(r.get("text")).isNotBlank());
            assertThat(browser.rows("delta-schema", "column")).extracting(r -> r.get("column")).contains("order_id", "status");
            assertThat(browser.text("delta-preview")).contains("VERSION AS OF");
            List<List<String>> preview = browser.preview();
            List<String> header = preview.get(0);
            assertThat(header).as("the preview's columns; the page says: %s", browser.text("preview")).contains("order_id", "status");
            assertThat(preview.subList(1, preview.size())).as("rows of silver/orders (more than 12,000): the preview's 100")
                    .hasSize(100).allSatisfy(row -> {
                        assertThat(row).as("cells of %s", row).hasSameSizeAs(header);
                        assertThat(row.get(header.indexOf("order_id"))).matches("[0-9]+");
                    });
            assertThat(browser.text("preview-note")).startsWith("100 rows of version ");
            browser.screenshot(Path.of("target", "console-lake.png"));

            browser.show(console.url() + "topics/tributary.shop.orders?partition=0&last=20", wait);
            List<Map<String, String>> messages = browser.rows("messages", "offset", "lsn", "poison");
            assertThat(messages).isNotEmpty().allSatisfy(m -> assertThat(m.get("poison")).isEqualTo("false"));
            // the newest change event: a delete's tombstone (no value, so no LSN) may follow it
            List<Map<String, String>> changes = messages.stream().filter(m -> m.get("lsn") != null && !m.get("lsn").isBlank()).toList();
            assertThat(changes).as("messages with an LSN among %s", messages).isNotEmpty();
            Map<String, String> newest = changes.get(changes.size() - 1);
            long applied = io.tributary.contracts.wal.Lsn.parse(JSON.readTree(new LastRuns(dataDir).reconcile().orElseThrow())
                    .get("snapshotLsn").asText());
            assertThat(io.tributary.contracts.wal.Lsn.parse(newest.get("lsn"))).as("the newest order change %s", newest)
                    .isPositive().isLessThanOrEqualTo(applied);
            Matcher id = Pattern.compile("\\{\"order_id\": (\\d+)}").matcher(newest.get("text"));
            assertThat(id.find()).as("the key of %s", newest).isTrue();
            PostgresEndpoint pg = LocalStack.attach(StackSettings.builder(dataDir).ports(ports).build()).postgres();
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.appUser(), pg.appPassword());
                    Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT status FROM shop.orders WHERE order_id = " + id.group(1))) {
                if (rs.next()) {
                    assertThat(newest.get("text")).as("the after image is the row PostgreSQL (= silver) has")
                            .contains("\"status\": \"" + rs.getString(1) + "\"");
                }
            }
            browser.screenshot(Path.of("target", "console-topic.png"));

            browser.show(console.url() + "schemas", wait);
            Map<String, String> mostVersions = browser.rows("subjects", "subject").stream()
                    .max(java.util.Comparator.comparingInt(r -> r.get("text").split(",").length)).orElseThrow();
            browser.show(console.url() + "schemas/" + mostVersions.get("subject"), wait);
            assertThat(browser.rows("schema-versions", "version")).as("versions of %s", mostVersions.get("subject")).hasSizeGreaterThanOrEqualTo(2);
            assertThat(browser.rows("schema-diff", "change", "field")).extracting(r -> r.get("change"))
                    .as("what changed between the two newest versions").containsAnyOf("changed", "added", "removed");
            browser.screenshot(Path.of("target", "console-schema.png"));

            String sparkUi = browser.shownLink("spark-ui").orElseThrow(() -> new AssertionError("no Spark UI link on the page"));
            java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newBuilder()
                    .followRedirects(java.net.http.HttpClient.Redirect.NORMAL).build()
                    .send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(sparkUi)).build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(sparkUi).isEqualTo(200);
            assertThat(answer.body()).contains("tributary-lakehouse-job");
        }
    }

    /** Issue 9: every server and pipeline service of the running stack listens on 127.0.0.1 only. */
    @Test
    @Order(2)
    void everyProcessOfTheStackListensOnLoopbackOnly() throws Exception {
        List<ProcessHandle> processes = handlesOfThisDataDir()
                .flatMap(p -> java.util.stream.Stream.concat(java.util.stream.Stream.of(p), p.descendants()))
                .distinct().toList();
        List<ListeningSockets.Listener> listeners = ListeningSockets.of(processes);
        // PostgreSQL, Kafka (broker + controller), registry, S3, cdc-engine and lakehouse-job /metrics at least
        assertThat(listeners).hasSizeGreaterThanOrEqualTo(7)
                .allSatisfy(l -> assertThat(l.loopback()).as("%s", l).isTrue());
        // JVMs listen on IPv4-mapped IPv6 sockets ([::ffff:127.0.0.1]:port), PostgreSQL on 127.0.0.1:port
        assertThat(listeners).extracting(l -> Integer.parseInt(l.address().substring(l.address().lastIndexOf(':') + 1)))
                .contains(ports.postgres(), ports.kafka(), ports.kafkaController(), ports.registry(), ports.s3(),
                        metricsPorts[0], metricsPorts[1]);
    }

    @Test
    @Order(3)
    void statusShowsThePipelineWithItsMetrics() throws Exception {
        Result status = cli(120, "status", "--json");
        JsonNode services = JSON.readTree(status.out()).get("services");
        Map<String, JsonNode> byName = new HashMap<>();
        services.forEach(s -> byName.put(s.get("name").asText(), s));
        assertThat(byName).containsKeys("postgres", "kafka", "s3", "schema-registry", "cdc-engine", "lakehouse-job");
        assertThat(byName.get("cdc-engine").get("state").asText()).isEqualTo("running");
        assertThat(byName.get("cdc-engine").get("endpoint").asText()).isEqualTo("http://127.0.0.1:" + metricsPorts[0] + "/metrics");
        assertThat(byName.get("cdc-engine").get("detail").asText()).containsPattern("[1-9][0-9,]* changes captured");
        assertThat(byName.get("lakehouse-job").get("detail").asText()).containsPattern("[1-9][0-9,]* bronze rows");
        assertThat(byName).doesNotContainKey("simulator-load");
        everyDashboardMetricOfARunningStageIsServed();
    }

    /**
     * Grafana's dashboard and the alert rules query names that the running stages serve: cdc-engine's and the
     * lakehouse job's /metrics, scraped on the stack the demo left running, hold every tributary_cdc_*,
     * tributary_lakehouse_* and tributary_gold_* name they use (the simulator has stopped; ObservabilityFilesTest
     * checks its names against its registry). A table's parked gauge has a series only once a table was parked, which
     * a demo does not do (ChaosIT reads both stages' parked gauges from their /metrics), and the recent freshness only
     * while changes were applied in the last minute (LakeFreshnessTest reads it).
     */
    private static void everyDashboardMetricOfARunningStageIsServed() throws Exception {
        Set<String> served = new TreeSet<>();
        for (int port : new int[] {metricsPorts[0], metricsPorts[1]}) {
            new MetricsScraper().scrape(port).orElseThrow(() -> new AssertionError("no /metrics on port " + port))
                    .samples().forEach(sample -> served.add(sample.name()));
        }
        Set<String> used = ObservabilityFilesTest.dashboardAndAlertMetrics();
        used.removeIf(name -> name.startsWith("tributary_simulator_"));
        // series only after an event: a table parked (ChaosIT reads both gauges), a change applied in the last minute
        used.removeAll(Set.of(MetricNames.Cdc.TABLE_PARKED, MetricNames.Lakehouse.TABLE_PARKED,
                MetricNames.Lakehouse.CHANGE_FRESHNESS_RECENT_SECONDS));
        assertThat(used).isNotEmpty().contains(MetricNames.Lakehouse.LIVE_FILES, MetricNames.Cdc.LAG_SECONDS);
        assertThat(served).as("names served by cdc-engine and the lakehouse job").containsAll(used);
    }

    @Test
    @Order(4)
    void sqlTailAndPsqlInspectTheSameData() throws Exception {
        Result sql = cli(300, "sql", "SELECT count(*) AS n FROM silver.products", "--format", "csv");
        assertThat(sql.code()).as(sql.err()).isZero();
        assertThat(sql.out().lines().toList()).containsExactly("n", "240");

        Result tail = cli(120, "tail", "products", "--from-beginning", "--max", "3");
        assertThat(tail.code()).as(tail.err()).isZero();
        assertThat(tail.out().lines().toList()).hasSize(3)
                .allSatisfy(line -> assertThat(line).matches("0/[0-2] r key=\\{\"product_id\": \\d+} lsn=[0-9A-F]+/[0-9A-F]+ after=\\{.*"));

        Result psql = cli(120, "psql", "--", "-At", "-c", "SELECT count(*) FROM shop.products");
        assertThat(psql.code()).as(psql.err()).isZero();
        if (PsqlCommand.onPath("psql").isPresent()) {
            assertThat(psql.out().strip()).isEqualTo("240");
        } else {
            assertThat(psql.out()).contains("postgresql://tributary_app@127.0.0.1:" + ports.postgres() + "/tributary");
        }
    }

    /**
     * Issue 16: the demo's lakehouse job ran its gold query. Serving has windows, sessions and abandoned orders (the
     * loaded CSV holds orders still placed years ago), readable by the shop's login role.
     */
    @Test
    @Order(4)
    void goldServesWindowsSessionsAndAbandonedOrders() throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:" + ports.postgres() + "/tributary";
        String password = Files.readString(dataDir.resolve("secrets/app_password")).strip();
        try (Connection c = DriverManager.getConnection(url, "tributary_app", password); Statement st = c.createStatement()) {
            for (String table : List.of("revenue_by_category_1m", "top_products_5m", "customer_sessions", "abandoned_orders")) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM serving." + table)) {
                    rs.next();
                    assertThat(rs.getLong(1)).as("rows of serving.%s", table).isPositive();
                }
            }
        }
    }

    /**
     * Issue 16: after the demo, every closed window of serving plus its late changes equals the recomputation from
     * PostgreSQL: {@code tributary gold check} exits 0 with each of the three tables equal and closed windows in each.
     * The gold query reads the demo's changes on its own clock (the demo waits for the lake's query only), so the check
     * runs again, every 10 s for at most 5 minutes, while it differs; a difference gold would keep fails the test with
     * the last report. It runs before the Order(6) tests change shop.orders.
     */
    @Test
    @Order(4)
    void goldCheckFindsEveryClosedWindowEqualToItsRecomputation() throws Exception {
        long begin = System.nanoTime();
        long deadline = begin + TimeUnit.MINUTES.toNanos(5);
        int runs = 1;
        Result check = cli(300, "gold", "check");
        while (check.code() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(10_000);
            check = cli(300, "gold", "check");
            runs++;
        }
        System.out.printf("DemoIT: gold check equal after %d run(s), %.0f s%n%s%n", runs, (System.nanoTime() - begin) / 1e9,
                check.out());
        assertThat(check.code()).as("gold check exit code; stdout:\n%s\nstderr:\n%s", check.out(), check.err()).isZero();
        assertThat(check.out()).contains("EQUAL: every closed window equals its recomputation from PostgreSQL.");
        Map<String, Long> served = new HashMap<>();
        Matcher line = GOLD_CHECK_LINE.matcher(check.out());
        while (line.find()) {
            assertThat(line.group(3)).as(line.group()).isEqualTo("equal");
            served.put(line.group(1), Long.parseLong(line.group(2)));
        }
        assertThat(served).as("closed windows compared per table in:\n%s", check.out())
                .containsOnlyKeys("revenue_by_category_1m", "top_products_5m", "customer_sessions")
                .allSatisfy((table, windows) -> assertThat(windows).as(table).isPositive());
    }

    /**
     * Issue 25, item 4: the demo left running is handed to the background supervisor that {@code up} starts, and
     * {@code status} names it; it restarts a stage that is killed.
     */
    @Test
    @Order(5)
    void theStackLeftRunningIsSupervisedAndAKilledStageComesBack() throws Exception {
        Result status = cli(120, "status");
        assertThat(status.out()).containsPattern("supervisor: pid \\d+ restarts what dies");
        JsonNode before = JSON.readTree(cli(120, "status", "--json").out());
        long supervisorPid = before.get("supervisorPid").asLong();
        assertThat(ProcessHandle.of(supervisorPid)).as("supervisor pid %s alive", supervisorPid)
                .hasValueSatisfying(h -> assertThat(h.isAlive()).isTrue());
        JsonNode cdc = service(before, "cdc-engine");
        long killed = cdc.get("pid").asLong();
        int restarts = cdc.get("restarts").asInt();
        new ProcessBuilder("kill", "-9", Long.toString(killed)).start().waitFor();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        JsonNode after = service(JSON.readTree(cli(120, "status", "--json").out()), "cdc-engine");
        while (!(after.get("state").asText().equals("running") && after.get("pid").asLong() != killed)) {
            assertThat(System.nanoTime()).as("cdc-engine restarted within 120 s: %s", after).isLessThan(deadline);
            Thread.sleep(2_000);
            after = service(JSON.readTree(cli(120, "status", "--json").out()), "cdc-engine");
        }
        assertThat(after.get("restarts").asInt()).isEqualTo(restarts + 1);
    }

    private static JsonNode service(JsonNode status, String name) {
        for (JsonNode s : status.get("services")) {
            if (s.get("name").asText().equals(name)) {
                return s;
            }
        }
        throw new AssertionError("no service " + name + " in " + status);
    }

    /**
     * Issue 25, item 6: after an UPDATE of one order, {@code trace orders <id> --json} reports every hop with the same
     * LSN, silver's values equal PostgreSQL's, and the delays from the source commit are non-negative and ordered.
     */
    @Test
    @Order(6)
    void traceFollowsOneUpdatedOrderFromPostgresToSilver() throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:" + ports.postgres() + "/tributary";
        String password = Files.readString(dataDir.resolve("secrets/app_password")).strip();
        long orderId;
        Map<String, String> postgres = new HashMap<>();
        Path followOut = Files.createTempFile(dataDir, "follow", ".out");
        Process follow = null;
        try (Connection c = DriverManager.getConnection(url, "tributary_app", password); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT min(order_id) + 7 FROM shop.orders")) {
                rs.next();
                orderId = rs.getLong(1);
            }
            // --follow waits for the key's next change from the end of the topic: started (and positioned) first
            follow = startCli(followOut, Files.createTempFile(dataDir, "follow", ".err"), "trace", "orders",
                    Long.toString(orderId), "--follow", "--wait", "180s");
            awaitOutput(followOut, "Waiting for the next change", 120);
            assertThat(st.executeUpdate("UPDATE shop.orders SET quantity = quantity + 1, status = 'traced',"
                    + " updated_at = now() WHERE order_id = " + orderId)).isEqualTo(1);
            try (ResultSet rs = st.executeQuery("SELECT quantity::text, status, unit_price::text FROM shop.orders"
                    + " WHERE order_id = " + orderId)) {
                rs.next();
                postgres.put("quantity", rs.getString(1));
                postgres.put("status", rs.getString(2));
                postgres.put("unit_price", rs.getString(3));
            }
        }
        long begin = System.nanoTime();
        Result trace = cli(600, "trace", "orders", Long.toString(orderId), "--json", "--wait", "180s");
        System.out.printf("DemoIT: trace took %.0f s%n%s%n", (System.nanoTime() - begin) / 1e9, trace.out());
        assertThat(trace.code()).as("trace exit code; stderr:\n%s", trace.err()).isZero();
        JsonNode doc = JSON.readTree(trace.out());
        assertThat(doc.get("op").asText()).isEqualTo("u");
        assertThat(doc.get("key").get("order_id").asText()).isEqualTo(Long.toString(orderId));
        String lsn = doc.get("lsn").asText();
        assertThat(lsn).matches("[0-9A-F]+/[0-9A-F]+");
        assertThat(doc.get("stuck").isNull()).as("stuck: %s", doc.get("stuck")).isTrue();
        List<String> names = new ArrayList<>();
        long previousDelay = 0;
        for (JsonNode hop : doc.get("hops")) {
            names.add(hop.get("hop").asText());
            assertThat(hop.get("arrived").asBoolean()).as("%s", hop).isTrue();
            assertThat(hop.get("lsn").asText()).as("%s", hop).isEqualTo(lsn);
            long delay = hop.get("delayMs").asLong();
            assertThat(delay).as("delay of %s", hop).isGreaterThanOrEqualTo(previousDelay);
            previousDelay = delay;
        }
        assertThat(names).containsExactly("postgres", "kafka", "bronze", "silver");
        JsonNode kafka = doc.get("hops").get(1);
        assertThat(kafka.get("topic").asText()).isEqualTo("tributary.shop.orders");
        assertThat(kafka.get("schemaId").asInt()).isPositive();
        assertThat(kafka.get("schemaVersion").asInt()).isPositive();
        JsonNode bronze = doc.get("hops").get(2);
        assertThat(bronze.get("offset").asLong()).isEqualTo(kafka.get("offset").asLong());
        assertThat(bronze.get("batch").asLong()).isNotNegative();
        assertThat(doc.get("hops").get(3).get("version").asLong()).isPositive();
        // silver's values equal PostgreSQL's: every column (the trace's comparison), and the updated ones read here
        assertThat(doc.get("differingColumns").isArray()).as("compared: %s", doc).isTrue();
        assertThat(doc.get("differingColumns")).isEmpty();
        JsonNode silver = doc.get("silverValues");
        assertThat(silver.get("status").asText()).isEqualTo(postgres.get("status")).isEqualTo("traced");
        assertThat(silver.get("quantity").asText()).isEqualTo(postgres.get("quantity"));
        assertThat(silver.get("unit_price").decimalValue()).isEqualByComparingTo(postgres.get("unit_price"));
        assertThat(doc.get("after").get("status").asText()).isEqualTo("traced");

        // --follow printed the same change as it arrived, hop by hop, up to silver
        try {
            String followed = awaitOutput(followOut, "arrived everywhere", 120);
            assertThat(followed).contains("trace orders order_id=" + orderId + ": change u at LSN " + lsn);
            for (String hop : List.of("postgres", "kafka", "bronze", "silver")) {
                assertThat(followed).as("follow output:%n%s", followed).containsPattern("(?m)^  " + hop + " .*LSN " + lsn);
            }
        } finally {
            follow.destroy();
        }
    }

    /**
     * Issue 18: 20 orders with at least two versions in history; their versions (LSN, operation) against the distinct
     * inserts, updates and snapshot reads bronze holds for them (a change sent twice is one version).
     */
    static final String HISTORY_AGAINST_BRONZE = "WITH k AS (SELECT order_id FROM history.orders GROUP BY order_id"
            + " HAVING count(*) >= 2 ORDER BY order_id LIMIT 20),"
            + " b AS (SELECT DISTINCT _key.order_id AS order_id, _lsn AS lsn, op FROM bronze.orders"
            + " WHERE op IN ('c', 'u', 'r') AND _key.order_id IN (SELECT order_id FROM k)),"
            + " h AS (SELECT DISTINCT order_id, _lsn_from AS lsn, _op AS op FROM history.orders"
            + " WHERE order_id IN (SELECT order_id FROM k))"
            + " SELECT (SELECT count(*) FROM k) AS sampled_keys, (SELECT count(*) FROM b) AS bronze_changes,"
            + " (SELECT count(*) FROM h) AS history_versions,"
            + " (SELECT count(*) FROM (SELECT * FROM b EXCEPT SELECT * FROM h)) AS only_in_bronze,"
            + " (SELECT count(*) FROM (SELECT * FROM h EXCEPT SELECT * FROM b)) AS only_in_history";

    /** Waits until the file holds {@code text}; returns its content (fails after {@code seconds}). */
    static String awaitOutput(Path file, String text, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        String content = Files.readString(file);
        while (!content.contains(text) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            content = Files.readString(file);
        }
        assertThat(content).as("waiting %d s for \"%s\"", seconds, text).contains(text);
        return content;
    }

    /**
     * Issue 20: the type matrix ({@link TypeMatrix}), created in the captured schema while the pipeline streams, lands
     * in silver with every value as expected (read back with Spark SQL, each column rendered exactly) and reconcile
     * compares it. Its generated column is not published by logical replication: silver has no such column and
     * reconcile leaves it out (docs/lakehouse-job.md). Then DDL: {@code ADD COLUMN ... DEFAULT} gives PostgreSQL's
     * existing rows the default without a change event, so silver has NULL there until a row changes, and reconcile
     * shows exactly those rows as differing; touching them ({@code UPDATE t SET c = c}) makes the table equal, and a
     * dropped column keeps it equal. Beside it a partitioned table ({@link #createPartitionedVisits}) must reconcile
     * equal as one table.
     */
    @Test
    @Order(7)
    void typeMatrixCreatedWhileStreamingLandsInSilverExactlyAndReconcilesThroughAddAndDropColumn() throws Exception {
        PostgresEndpoint pg = LocalStack.attach(StackSettings.builder(dataDir).ports(ports).build()).postgres();
        String table = TypeMatrix.qualified();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.appUser(), pg.appPassword());
                Statement st = c.createStatement()) {
            TypeMatrix.create(c, 0);
            createPartitionedVisits(st);
            st.execute("ALTER TABLE " + table + " ADD COLUMN c_added integer NOT NULL DEFAULT 7");
            // a change under the new schema for row 1 only
            st.execute("UPDATE " + table + " SET c_added = 7 WHERE id = 1");
        }
        long begin = System.nanoTime();
        ReconcileSummary.Table added = null;
        Result before = null;
        while (System.nanoTime() - begin < TimeUnit.SECONDS.toNanos(300)) {
            before = cli(400, "reconcile", "--json", "--timeout", "120s");
            added = ReconcileSummary.parse(before.out()).tables().stream()
                    .filter(t -> t.name().equals(TypeMatrix.TABLE)).findFirst().orElse(null);
            if (added != null && added.silverRows() == TypeMatrix.ids().size()) {
                break;
            }
        }
        System.out.printf("DemoIT: type matrix in silver after %.0f s%n", (System.nanoTime() - begin) / 1e9);
        assertThat(added).as("reconcile: %s", before.out()).isNotNull();
        assertThat(added.postgresRows()).isEqualTo(TypeMatrix.ids().size());
        assertThat(added.silverRows()).as("%s", added).isEqualTo(TypeMatrix.ids().size());
        assertThat(added.missing() + added.extra()).isZero();
        assertThat(added.differing()).as("rows without a change since ADD COLUMN: %s", added).isEqualTo(3);
        assertThat(added.firstDiffering()).containsExactlyInAnyOrder("2", "3", "4");
        assertThat(before.code()).as(before.out()).isEqualTo(3);

        Result sql = cli(300, "sql", TypeMatrixSilver.query(), "--format", "json", "--max-rows", "100");
        assertThat(sql.code()).as(sql.err()).isZero();
        Map<Integer, Map<String, String>> silver = TypeMatrixSilver.rows(sql.out());
        Map<Integer, Map<String, String>> expected = TypeMatrix.expectedRows(0);
        expected.values().forEach(row -> row.remove("c_generated"));
        assertThat(silver.keySet()).containsExactlyElementsOf(expected.keySet());
        expected.forEach((id, row) -> row.forEach((column, value) -> assertThat(silver.get(id).get(column))
                .as("silver %s of row %d", column, id).isEqualTo(value)));

        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.appUser(), pg.appPassword());
                Statement st = c.createStatement()) {
            st.execute("UPDATE " + table + " SET c_added = c_added");
            st.execute("ALTER TABLE " + table + " DROP COLUMN c_text");
            st.execute("UPDATE " + table + " SET c_added = 8 WHERE id = 4");
        }
        // issue 18: with --history, history is brought up to bronze and its current rows compared with silver
        Result after = cli(400, "reconcile", "--json", "--history", "--timeout", "120s");
        ReconcileSummary.Table touched = matrixOf(after);
        assertThat(touched.equal()).as("after UPDATE ... SET c_added = c_added and DROP COLUMN: %s", after.out()).isTrue();
        assertThat(touched.silverRows()).isEqualTo(TypeMatrix.ids().size());
        assertThat(after.code()).as(after.out()).isZero();
        ReconcileSummary.Table visits = ReconcileSummary.parse(after.out()).tables().stream()
                .filter(t -> t.name().equals("visits")).findFirst().orElseThrow(() -> new AssertionError(after.out()));
        assertThat(visits.equal()).as("%s", visits).isTrue();
        assertThat(visits.postgresRows()).isEqualTo(3);
        assertThat(visits.silverRows()).as("one silver table for the partitioned table: %s", visits).isEqualTo(3);
        assertThat(ReconcileSummary.parse(after.out()).tables()).as("no table of a partition")
                .noneMatch(t -> t.name().startsWith("visits_"));
        List<ReconcileResult.HistoryResult> history = ReconcileJson.read(after.out().lines()
                .filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow()).history();
        assertThat(history).extracting(ReconcileResult.HistoryResult::table)
                .contains("customers", "orders", "products", TypeMatrix.TABLE);
        assertThat(history).allSatisfy(h -> assertThat(h.equal()).as("%s", h).isTrue());
        assertThat(history).filteredOn(h -> h.table().equals("orders")).singleElement()
                .satisfies(h -> assertThat(h.historyRows()).as("%s", h).isPositive().isEqualTo(h.silverRows()));
        // and for a sample of orders with several versions, history's versions are exactly bronze's changes of the key
        Result versions = cli(300, "sql", HISTORY_AGAINST_BRONZE, "--format", "json");
        assertThat(versions.code()).as(versions.err()).isZero();
        JsonNode sample = JSON.readTree(versions.out().lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow());
        assertThat(sample.get("sampled_keys").asLong()).as("%s", sample).isEqualTo(20);
        assertThat(sample.get("history_versions").asLong()).as("%s", sample).isGreaterThanOrEqualTo(40)
                .isEqualTo(sample.get("bronze_changes").asLong());
        assertThat(sample.get("only_in_bronze").asLong()).as("%s", sample).isZero();
        assertThat(sample.get("only_in_history").asLong()).as("%s", sample).isZero();
    }

    /**
     * Issue 20, item 6: a partitioned table, created while the pipeline streams, published through its root: rows
     * written through the root into either partition, one written straight into a partition, and an update that moves
     * a row across partitions (a delete and an insert under the new key) land in ONE silver table, {@code visits}.
     */
    private static void createPartitionedVisits(Statement st) throws Exception {
        st.execute("CREATE TABLE shop.visits (id int NOT NULL, at date NOT NULL, page text, PRIMARY KEY (id, at))"
                + " PARTITION BY RANGE (at)");
        st.execute("CREATE TABLE shop.visits_2025 PARTITION OF shop.visits FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')");
        st.execute("CREATE TABLE shop.visits_2026 PARTITION OF shop.visits FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')");
        st.execute("INSERT INTO shop.visits VALUES (1, '2025-06-01', 'home'), (2, '2026-06-01', 'cart')");
        st.execute("INSERT INTO shop.visits_2026 VALUES (3, '2026-07-01', 'pay')");
        st.execute("UPDATE shop.visits SET at = '2026-02-01', page = 'moved' WHERE id = 1");
    }

    /**
     * Issue 20, item 3: {@code backfill products} re-reads the table through Debezium's incremental snapshot while
     * changes stream. A transaction that updated a row before the backfill began and commits only after the table's
     * chunk was read, and updates committed while the backfill runs, are not undone by the older snapshot rows: silver
     * holds PostgreSQL's values and reconcile finds products equal. The open transaction also changes customers and
     * orders (item 6: a long transaction mixing the three tables), which end equal too; so does a table with the
     * default replica identity whose 10 kB values are left out of its updates (item 4: unchanged TOAST). Item 2 on the
     * same reconcile: a table created by another role is reported as not compared, by reconcile and by status, with
     * the GRANT that fixes it.
     */
    @Test
    @Order(7)
    void backfillWhileChangesStreamUndoesNoChangeAndEndsEqual() throws Exception {
        PostgresEndpoint pg = LocalStack.attach(StackSettings.builder(dataDir).ports(ports).build()).postgres();
        long readsBefore = cdcEvents("shop.products", "r");
        long begin = System.nanoTime();
        try (Connection app = DriverManager.getConnection(pg.jdbcUrl(), pg.appUser(), pg.appPassword());
                Connection longTx = DriverManager.getConnection(pg.jdbcUrl(), pg.appUser(), pg.appPassword());
                Statement st = app.createStatement(); Statement lt = longTx.createStatement()) {
            // item 4: the default replica identity and out-of-line (TOAST) values: 10 kB of random text per row
            st.execute("CREATE TABLE shop.fidelity_docs (id int PRIMARY KEY, title text NOT NULL, body text)");
            st.execute("INSERT INTO shop.fidelity_docs SELECT g, 'draft', (SELECT string_agg(md5(random()::text || g || i),"
                    + " '') FROM generate_series(1, 320) i) FROM generate_series(1, 3) g");
            longTx.setAutoCommit(false);
            changeTheThreeTablesIn(lt);
            Result backfill = cli(120, "backfill", "products");
            assertThat(backfill.code()).as("backfill: %s %s", backfill.out(), backfill.err()).isZero();
            assertThat(backfill.out()).contains("cdc-engine: Backfill of shop.products started");
            assertThat(st.executeUpdate("UPDATE shop.products SET stock = stock + 1000 WHERE product_id IN (1, 120, 239)"))
                    .isEqualTo(3);
            // the chunk holding row 200 is read (and sent) while the transaction that changed it is still open
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (cdcEvents("shop.products", "r") < readsBefore + 236) {
                assertThat(System.nanoTime()).as("snapshot reads of products within 120 s").isLessThan(deadline);
                Thread.sleep(500);
            }
            longTx.commit();
            // in a later batch than the inserts: the updates send no body (unchanged TOAST), silver keeps the stored
            // one; the delete sends the key only (no before image with the default identity)
            assertThat(st.executeUpdate("UPDATE shop.fidelity_docs SET title = 'final' WHERE id IN (1, 2)")).isEqualTo(2);
            assertThat(st.executeUpdate("DELETE FROM shop.fidelity_docs WHERE id = 3")).isEqualTo(1);
        }
        Result reconcile = reconcileWithATableTheCdcRoleCannotRead(pg);
        System.out.printf("DemoIT: backfill and reconcile took %.0f s%n", (System.nanoTime() - begin) / 1e9);
        String reconciled = reconcile.out();
        ReconcileSummary.Table products = ReconcileSummary.parse(reconciled).tables().stream()
                .filter(t -> t.name().equals("products")).findFirst().orElseThrow(() -> new AssertionError(reconciled));
        assertThat(products.equal()).as("products after the backfill: %s", reconciled).isTrue();
        assertThat(products.silverRows()).isEqualTo(240);
        assertThat(ReconcileSummary.parse(reconciled).tables()).filteredOn(t -> !t.name().equals("fidelity_audit"))
                .as("every compared table equal after the long transaction: %s", reconciled)
                .anySatisfy(t -> assertThat(t.name()).isEqualTo("fidelity_docs"))
                .allSatisfy(t -> assertThat(t.equal()).as(t.name()).isTrue());
        // products equal means row 200 holds the late transaction's 424242, not the older snapshot read of it
        assertThat(reconcile.code()).as("not compared is not equal").isEqualTo(3);
    }

    /** Item 6: one long transaction over the three tables, begun before the backfill, committed after its reads. */
    private static void changeTheThreeTablesIn(Statement longTransaction) throws Exception {
        assertThat(longTransaction.executeUpdate("UPDATE shop.products SET stock = 424242 WHERE product_id = 200"))
                .isEqualTo(1);
        assertThat(longTransaction.executeUpdate("UPDATE shop.customers SET city = 'Long Transaction' WHERE customer_id ="
                + " (SELECT min(customer_id) FROM shop.customers)")).isEqualTo(1);
        assertThat(longTransaction.executeUpdate("UPDATE shop.orders SET status = 'long-tx', updated_at = now() WHERE"
                + " order_id = (SELECT max(order_id) FROM shop.orders)")).isEqualTo(1);
        assertThat(longTransaction.executeUpdate("DELETE FROM shop.orders WHERE order_id = (SELECT min(order_id) FROM"
                + " shop.orders)")).isEqualTo(1);
    }

    /**
     * Item 2: a table another role created (no rows, so nothing of it reaches the lake) is one the CDC role cannot
     * read: reconcile reports it as not compared and status lists it, both with the GRANT to run. Dropped afterwards.
     * Returns the reconcile.
     */
    private static Result reconcileWithATableTheCdcRoleCannotRead(PostgresEndpoint pg) throws Exception {
        try (Connection su = DriverManager.getConnection(pg.jdbcUrl(), pg.superUser(), pg.superPassword());
                Statement st = su.createStatement()) {
            st.execute("CREATE TABLE shop.fidelity_audit (id int PRIMARY KEY)");
        }
        try {
            Result report = cli(400, "reconcile", "--json", "--timeout", "120s");
            ReconcileSummary.Table audit = ReconcileSummary.parse(report.out()).tables().stream()
                    .filter(t -> t.name().equals("fidelity_audit")).findFirst()
                    .orElseThrow(() -> new AssertionError(report.out()));
            assertThat(audit.result()).isEqualTo("NOT COMPARED");
            assertThat(audit.problem()).contains("GRANT SELECT ON shop.fidelity_audit TO tributary_cdc;");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            JsonNode problems = JSON.readTree(cli(120, "status", "--json").out()).get("tableProblems");
            while (problems.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(3_000);
                problems = JSON.readTree(cli(120, "status", "--json").out()).get("tableProblems");
            }
            assertThat(problems).as("status --json tableProblems").hasSize(1);
            assertThat(problems.get(0).get("table").asText()).isEqualTo("shop.fidelity_audit");
            assertThat(problems.get(0).get("fix").asText()).isEqualTo("GRANT SELECT ON shop.fidelity_audit TO tributary_cdc;");
            return report;
        } finally {
            try (Connection su = DriverManager.getConnection(pg.jdbcUrl(), pg.superUser(), pg.superPassword());
                    Statement st = su.createStatement()) {
                st.execute("DROP TABLE shop.fidelity_audit");
            }
        }
    }

    /** cdc-engine's {@code tributary_cdc_events_total} of one table and op (since the engine's start). */
    private static long cdcEvents(String table, String op) throws Exception {
        try {
            String text = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + metricsPorts[0] + "/metrics")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            return (long) io.tributary.contracts.prometheus.PrometheusText.parse(text)
                    .named(io.tributary.contracts.metrics.MetricNames.Cdc.EVENTS_TOTAL)
                    .filter(s -> table.equals(s.label("table")) && op.equals(s.label("op")))
                    .mapToDouble(io.tributary.contracts.prometheus.PrometheusText.Sample::value).sum();
        } catch (IOException e) {
            return 0; // restarting
        }
    }

    private static ReconcileSummary.Table matrixOf(Result reconcile) {
        return ReconcileSummary.parse(reconcile.out()).tables().stream().filter(t -> t.name().equals(TypeMatrix.TABLE))
                .findFirst().orElseThrow(() -> new AssertionError("no " + TypeMatrix.TABLE + " in " + reconcile.out()));
    }

    /**
     * Issue 20, item 6, through the lake: the slot dropped under the running engine, a row deleted and one updated while
     * no slot keeps the WAL, the engine stopped naming the recovery; {@code ./tributary cdc reset} re-reads every table
     * and the lake ends equal to PostgreSQL, the row deleted in the gap deleted in silver too.
     */
    @Test
    @Order(8)
    void cdcResetAfterTheSlotWasDroppedReSnapshotsEveryTableAndTheLakeEndsEqual() throws Exception {
        PostgresEndpoint pg = LocalStack.attach(StackSettings.builder(dataDir).ports(ports).build()).postgres();
        long begin = System.nanoTime();
        long gone;
        try (Connection su = DriverManager.getConnection(pg.jdbcUrl(), pg.superUser(), pg.superPassword());
                Connection app = DriverManager.getConnection(pg.jdbcUrl(), pg.appUser(), pg.appPassword());
                Statement st = su.createStatement(); Statement a = app.createStatement()) {
            dropTheSlotUnderTheEngine(st);
            try (ResultSet rs = a.executeQuery("SELECT max(order_id) FROM shop.orders")) {
                rs.next();
                gone = rs.getLong(1);
            }
            assertThat(a.executeUpdate("DELETE FROM shop.orders WHERE order_id = " + gone)).isEqualTo(1);
            assertThat(a.executeUpdate("UPDATE shop.customers SET city = 'Slot Gap' WHERE customer_id ="
                    + " (SELECT min(customer_id) FROM shop.customers)")).isEqualTo(1);
        }
        Path engineLog = dataDir.resolve("logs").resolve("cdc-engine.log");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(engineLog, StandardCharsets.UTF_8).contains("Run ./tributary cdc reset")) {
            assertThat(System.nanoTime()).as("cdc-engine stops naming the reset within 60 s").isLessThan(deadline);
            Thread.sleep(500);
        }

        Result reset = cli(300, "cdc", "reset");
        assertThat(reset.code()).as("cdc reset: %s %s", reset.out(), reset.err()).isZero();
        awaitTheReSnapshot(pg);
        Result reconcile = cli(400, "reconcile", "--json", "--timeout", "180s");
        System.out.printf("DemoIT: slot dropped, cdc reset and reconcile took %.0f s%n", (System.nanoTime() - begin) / 1e9);
        assertThat(ReconcileSummary.parse(reconcile.out()).tables()).as("after cdc reset: %s", reconcile.out())
                .anySatisfy(t -> assertThat(t.name()).isEqualTo("orders"))
                .allSatisfy(t -> assertThat(t.equal()).as(t.name()).isTrue());
        assertThat(reconcile.code()).as(reconcile.err()).isZero();
        // silver_all: the table with its tombstones (silver.orders is the view of the live rows)
        Result silver = cli(120, "sql", "SELECT count_if(NOT _deleted) AS live, count(*) AS versions"
                + " FROM silver_all.orders WHERE order_id = " + gone, "--format", "csv");
        assertThat(silver.out()).as("the order deleted while no slot kept the WAL: a tombstone in silver (%s)",
                silver.err()).contains("0,1");
    }

    /** As an operator would lose it: the walsender terminated, then the slot dropped (retried until it is free). */
    private static void dropTheSlotUnderTheEngine(Statement superuser) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            superuser.execute("SELECT pg_terminate_backend(active_pid) FROM pg_replication_slots WHERE slot_name ="
                    + " 'tributary_slot' AND active_pid IS NOT NULL");
            try {
                superuser.execute("SELECT pg_drop_replication_slot('tributary_slot')");
                return;
            } catch (java.sql.SQLException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }

    /** Until the restarted engine has read every row of every captured table again (its snapshot reads, op r). */
    private static void awaitTheReSnapshot(PostgresEndpoint pg) throws Exception {
        Map<String, Long> rows = new HashMap<>();
        try (Connection app = DriverManager.getConnection(pg.jdbcUrl(), pg.appUser(), pg.appPassword());
                Statement st = app.createStatement();
                ResultSet rs = st.executeQuery("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid ="
                        + " c.relnamespace WHERE n.nspname = 'shop' AND c.relkind IN ('r', 'p') AND NOT c.relispartition")) {
            List<String> tables = new ArrayList<>();
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
            for (String table : tables) {
                try (Statement count = app.createStatement();
                        ResultSet n = count.executeQuery("SELECT count(*) FROM shop." + table)) {
                    n.next();
                    rows.put("shop." + table, n.getLong(1));
                }
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        for (Map.Entry<String, Long> table : rows.entrySet()) {
            while (cdcEvents(table.getKey(), "r") < table.getValue()) {
                assertThat(System.nanoTime()).as("%s re-read within 180 s", table.getKey()).isLessThan(deadline);
                Thread.sleep(1_000);
            }
        }
    }

    @Test
    @Order(9)
    void downLeavesNoProcessBehind() throws Exception {
        Result down = cli(180, "down");
        assertThat(down.code()).as(down.err()).isZero();
        assertThat(down.out()).contains("stopped cdc-engine").contains("stopped lakehouse-job").contains("stopped postgres");
        assertThat(processesOfThisDataDir()).isEmpty();
    }

    /**
     * A second demo on the same data dir (the whole platform restarted after {@code down}: load skipped, cdc-engine
     * resumes from its offsets without a snapshot, lakehouse-job from its checkpoint), stopped by Ctrl-C while the
     * simulator writes: it still stops the simulator, catches up, reconciles equal and shuts everything down.
     */
    @Test
    @Order(10)
    void ctrlCFinishesADemoRestartedOnTheSameDataAndShutsDownCleanly() throws Exception {
        Path out = dataDir.resolve("demo-ctrl-c.out");
        Path err = dataDir.resolve("demo-ctrl-c.err");
        List<String> args = new ArrayList<>(List.of("demo", "--duration", "10m", "--rate", "100", "--status-interval", "2s"));
        args.addAll(portOptions());
        // a process started with SIGINT ignored (a background job of a non-interactive shell, as build tools may run
        // tests) passes that on, and a JVM then ignores Ctrl-C; a user at a terminal never starts the demo that way
        List<String> defaultSigint = List.of();
        if (sigintIgnored(ProcessHandle.current().pid())) {
            Assumptions.assumeTrue(PsqlCommand.onPath("perl").isPresent(), "SIGINT is ignored here and perl is missing");
            defaultSigint = List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die \"exec: $!\"");
        }
        Process demo = startCli(defaultSigint, out, err, args.toArray(String[]::new));
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(400);
            while (!Pattern.compile("written +[1-9][0-9,]* \\(").matcher(Files.readString(out)).find()) {
                assertThat(demo.isAlive()).as("demo exited early:\n%s\n%s", Files.readString(out), Files.readString(err)).isTrue();
                assertThat(System.nanoTime()).as("no status line with writes within 400 s:\n%s", Files.readString(out))
                        .isLessThan(deadline);
                Thread.sleep(500);
            }
            assertThat(sigintIgnored(demo.pid())).as("SIGINT ignored by the demo's JVM").isFalse();
            new ProcessBuilder("kill", "-INT", Long.toString(demo.pid())).start().waitFor();
            assertThat(demo.waitFor(900, TimeUnit.SECONDS)).as("demo finished after Ctrl-C:\n%s", Files.readString(out)).isTrue();
        } finally {
            if (demo.isAlive()) {
                demo.destroyForcibly();
                LocalStack.attach(StackSettings.builder(dataDir).ports(ports).build()).stopAll();
            }
        }
        String stdout = Files.readString(out);
        assertThat(demo.exitValue()).as("demo exit code after Ctrl-C; stdout:\n%s\nstderr:\n%s", stdout, Files.readString(err))
                .isZero();
        assertThat(stdout).doesNotContain("initial snapshot captured (13,440 rows)")
                .contains("Ctrl-C: finishing the demo")
                .contains("Stopping the simulator (asked to stop)")
                .contains("RESULT: the lake equals PostgreSQL.")
                .contains("Shutting everything down");
        assertThat(processesOfThisDataDir()).isEmpty();
    }

    /** Issue 9 (security): no configured password or key appears in any log or output of the runs above. */
    @Test
    @Order(11)
    void noSecretReachesALogOrTheConsole() throws IOException {
        Map<String, String> secrets = new HashMap<>();
        try (var files = Files.list(dataDir.resolve("secrets"))) {
            for (Path f : files.toList()) {
                secrets.put(f.getFileName().toString(), Files.readString(f).strip());
            }
        }
        assertThat(secrets).containsKeys("app_password", "cdc_password", "postgres_password", "s3_secret_key");
        List<Path> texts = new ArrayList<>();
        try (var files = Files.walk(dataDir.resolve("logs"))) {
            files.filter(Files::isRegularFile).forEach(texts::add);
        }
        try (var files = Files.list(dataDir)) {
            files.filter(f -> f.toString().endsWith(".out") || f.toString().endsWith(".err")).forEach(texts::add);
        }
        assertThat(texts).hasSizeGreaterThan(8);
        for (Path text : texts) {
            String content = Files.readString(text, StandardCharsets.ISO_8859_1);
            secrets.forEach((name, value) -> assertThat(content).as("%s must not contain the %s", text, name)
                    .doesNotContain(value));
        }
    }
}
