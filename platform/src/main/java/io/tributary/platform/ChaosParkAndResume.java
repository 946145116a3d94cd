package io.tributary.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.contracts.metrics.MetricLabels;
import io.tributary.contracts.metrics.MetricNames;
import io.tributary.contracts.prometheus.PrometheusText;
import io.tributary.stack.LocalStack;
import io.tributary.stack.PostgresEndpoint;
import io.tributary.stack.StackException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link ChaosFault#INCOMPATIBLE_COLUMN_CHANGE}: creates the table and waits until cdc-engine registered its
 * schema; starts a writer that changes it every {@value #WRITE_EVERY_MS} ms; makes the change; waits until cdc-engine
 * parks the table ({@code tributary_cdc_table_parked}); waits until the slot's {@code confirmed_flush_lsn} passes
 * the WAL position taken after the park while other tables' changes keep arriving; then the documented fix, through
 * the endpoints {@code ./tributary schema accept} and {@code ./tributary resume} call: accept-schema and resume on
 * cdc-engine, then resume on the lakehouse job if it has parked the table too; waits until cdc-engine no longer
 * reports the table parked, and lets the writer go on a little before stopping it. Each step is bounded; a step that
 * fails is named in the {@link Outcome}.
 */
final class ChaosParkAndResume {
    private static final Logger LOG = LoggerFactory.getLogger(ChaosParkAndResume.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final long WRITE_EVERY_MS = 50;
    private static final Duration REGISTERED_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration PARK_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration SLOT_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration WRITES_AROUND = Duration.ofSeconds(2);

    /**
     * What happened.
     *
     * @param table        the table, without schema
     * @param parkedAfter  from the change to cdc-engine's parked gauge, null when it did not park
     * @param reason       cdc-engine's reason ({@code schema_refused}), null when it did not park
     * @param breakLsn     the WAL position taken once the table was parked
     * @param slotPassed   the slot's confirmed_flush_lsn passed {@code breakLsn} while the table was parked
     * @param otherChanges changes of other tables cdc-engine acknowledged meanwhile (-1: not measured)
     * @param replayed     parked changes cdc-engine's resume replayed (-1: no resume)
     * @param lake         the lakehouse job's answer to resume ({@code not parked}, {@code resumed}, or its refusal)
     * @param lakeWhileParked the shop's tables in the lake while the table was parked
     * @param writes       the writer's statements (before, during and after the change)
     * @param problems     what did not go as documented, empty when the table was parked and resumed
     */
    record Outcome(String table, Duration parkedAfter, String reason, String breakLsn, boolean slotPassed, long otherChanges,
            int replayed, String lake, ChaosLakeProgress.DuringPark lakeWhileParked, long writes, List<String> problems) {

        Outcome {
            problems = List.copyOf(problems);
        }

        boolean resumed() {
            return problems.isEmpty();
        }

        Outcome withWrites(long n) {
            return new Outcome(table, parkedAfter, reason, breakLsn, slotPassed, otherChanges, replayed, lake, lakeWhileParked, n,
                    problems);
        }

        /** For the summary line, e.g. {@code chaos_alter_1 parked-after=1.2s slot-passed others=+412 replayed=37 resumed}. */
        String brief() {
            StringBuilder sb = new StringBuilder(table);
            sb.append(parkedAfter == null ? " NOT-PARKED" : String.format(Locale.ROOT, " parked-after=%.1fs", parkedAfter.toMillis() / 1000.0));
            if (parkedAfter != null) {
                sb.append(slotPassed ? " slot-passed" : " SLOT-STUCK");
            }
            if (otherChanges >= 0) {
                sb.append(" others=+").append(otherChanges);
            }
            if (replayed >= 0) {
                sb.append(" replayed=").append(replayed);
            }
            sb.append(lakeWhileParked.brief());
            sb.append(" writes=").append(writes);
            sb.append(resumed() ? " resumed" : " NOT-RESUMED(" + problems.get(0).lines().findFirst().orElse("") + ")");
            return sb.toString();
        }
    }

    private final ChaosSteps steps;
    private final LocalStack stack;
    private final PipelinePorts ports;
    private final MetricsScraper scraper;
    private final Consumer<String> say;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    ChaosParkAndResume(ChaosSteps steps, Consumer<String> say) {
        this.steps = steps;
        this.stack = steps.stack();
        this.ports = steps.ports();
        this.scraper = steps.scraper();
        this.say = say;
    }

    Outcome run(ChaosColumnChange change, long seed, String elapsed) {
        steps.execute(change.create());
        awaitRegistered(change);
        ChaosTableWriter writer = ChaosTableWriter.start(stack.postgres(), change.writes(seed), "chaos-writer-" + change.table());
        Outcome outcome;
        try {
            steps.pause(WRITES_AROUND);
            outcome = parkAndResume(change, elapsed);
            steps.pause(WRITES_AROUND);
        } finally {
            writer.stop();
        }
        outcome = outcome.withWrites(writer.written());
        say.accept("  " + change.qualified() + ": " + outcome.writes() + " writes by the writer (" + writer.failures()
                + " failed); " + (outcome.resumed() ? "parked and resumed" : "NOT resumed: " + outcome.problems().get(0)));
        return outcome;
    }

    private Outcome parkAndResume(ChaosColumnChange change, String elapsed) {
        String qualified = change.qualified();
        List<String> problems = new ArrayList<>();
        Optional<ChaosLakeProgress.Batch> lakeBefore = steps.nextLakeBatch(Optional.empty());
        long alteredAt = System.nanoTime();
        steps.execute(List.of(change.alter()));
        say.accept("FAULT at " + elapsed + ": " + change.describe() + " while a writer changes the table every " + WRITE_EVERY_MS
                + " ms (the registry refuses it under BACKWARD)");
        Optional<String> parked = steps.awaitParked(Pipeline.CDC_ENGINE, ports.cdcEngine(), qualified, PARK_TIMEOUT)
                .map(ParkedTable::reason);
        if (parked.isEmpty()) {
            problems.add("cdc-engine did not park " + qualified + " within " + DurationText.format(PARK_TIMEOUT)
                    + " of the change (is the subject's compatibility BACKWARD?); see " + stack.settings().logFile(Pipeline.CDC_ENGINE));
            return new Outcome(change.table(), null, null, "", false, -1, -1, "", ChaosLakeProgress.DuringPark.NOT_MEASURED, 0,
                    problems);
        }
        Duration parkedAfter = Duration.ofNanos(System.nanoTime() - alteredAt);
        Optional<ChaosLakeProgress> lakeAtPark = steps.lakeProgress();
        String reason = parked.get();
        String breakLsn = currentWalLsn();
        double othersBefore = otherEvents(qualified);
        boolean slotPassed = awaitSlotPast(breakLsn, SLOT_TIMEOUT);
        double othersAfter = otherEvents(qualified);
        long others = othersBefore >= 0 && othersAfter >= othersBefore ? (long) (othersAfter - othersBefore) : -1;
        say.accept(String.format(Locale.ROOT, "  cdc-engine parked %s after %.1f s (%s); %s; other tables: %s changes meanwhile",
                qualified, parkedAfter.toMillis() / 1000.0, reason, slotPassed
                        ? "the slot's confirmed_flush_lsn passed " + breakLsn + " while it stayed parked"
                        : "THE SLOT DID NOT PASS " + breakLsn + " within " + DurationText.format(SLOT_TIMEOUT),
                others < 0 ? "unknown (cdc-engine restarted)" : "+" + others));
        ChaosLakeProgress.DuringPark lakeWhileParked = ChaosLakeProgress.DuringPark.of(lakeBefore, steps.nextLakeBatch(lakeAtPark));
        say.accept("  the lake while " + qualified + " was parked:" + lakeWhileParked.brief()
                + " (silver rows merged into the shop's tables; seconds since their newest source commit, right after a batch)");
        if (lakeWhileParked.othersMerged() == 0) {
            problems.add("the lake merged no row into the shop's tables within " + DurationText.format(ChaosSteps.LAKE_ADVANCE_TIMEOUT)
                    + " while " + qualified + " was parked; see " + stack.settings().logFile(Pipeline.LAKEHOUSE_JOB));
        }
        if (!slotPassed) {
            problems.add("the slot's confirmed_flush_lsn did not pass " + breakLsn + " within " + DurationText.format(SLOT_TIMEOUT)
                    + " while " + qualified + " was parked");
        }
        String acceptPath = "/tables/" + qualified + "/accept-schema";
        StageEndpoint.Answer accepted = steps.postUntilAnswered(Pipeline.CDC_ENGINE, ports.cdcEngine(), acceptPath);
        say.accept("  ./tributary schema accept " + change.table() + " (POST " + acceptPath + "): " + accepted.status() + " "
                + field(accepted.body(), "message"));
        if (!accepted.ok()) {
            problems.add("schema accept answered " + accepted.status() + ": " + accepted.body());
            return new Outcome(change.table(), parkedAfter, reason, breakLsn, slotPassed, others, -1, "", lakeWhileParked, 0,
                    problems);
        }
        String resumePath = "/tables/" + qualified + "/resume";
        StageEndpoint.Answer resumed = steps.postUntilAnswered(Pipeline.CDC_ENGINE, ports.cdcEngine(), resumePath);
        if (!resumed.ok()) {
            say.accept("  ./tributary resume " + change.table() + ": cdc-engine answered " + resumed.status() + " " + resumed.body());
            problems.add("resume (cdc-engine) answered " + resumed.status() + ": " + resumed.body());
            return new Outcome(change.table(), parkedAfter, reason, breakLsn, slotPassed, others, -1, "", lakeWhileParked, 0,
                    problems);
        }
        int replayed = jsonInt(resumed.body(), "replayed");
        String lake = lakeResume(change.table());
        say.accept("  ./tributary resume " + change.table() + ": cdc-engine replayed " + replayed + " parked changes into tributary."
                + qualified + "; lakehouse-job: " + lake);
        if (!steps.awaitUnparked(Pipeline.CDC_ENGINE, ports.cdcEngine(), qualified, Duration.ofSeconds(30))) {
            problems.add("cdc-engine still reports " + qualified + " parked 30 s after its resume");
        }
        return new Outcome(change.table(), parkedAfter, reason, breakLsn, slotPassed, others, replayed, lake, lakeWhileParked, 0,
                problems);
    }

    /**
     * The lake's side of {@code ./tributary resume}, when the lake has parked the table itself (its /metrics says so):
     * it parks only on a write of its own that failed. Asked otherwise, it would answer 404 only between two batches.
     */
    private String lakeResume(String table) {
        Optional<PrometheusText> metrics = scraper.scrape(ports.lakehouseJob());
        if (metrics.isEmpty()) {
            return "not answering (nothing resumed there)";
        }
        if (ParkedTable.of(Pipeline.LAKEHOUSE_JOB, metrics.get()).stream().noneMatch(p -> p.table().equals(table))) {
            return "not parked";
        }
        try {
            Optional<StageEndpoint.Answer> a = new StageEndpoint(Pipeline.LAKEHOUSE_JOB, ports.lakehouseJob())
                    .post("/tables/" + table + "/resume");
            if (a.isEmpty()) {
                return "not running";
            }
            return a.get().notParked() ? "not parked" : a.get().ok() ? "resumed" : a.get().status() + " " + a.get().body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted", e);
        }
    }

    /** Waits until the registry holds the table's value schema: cdc-engine captured the rows made before the change. */
    private void awaitRegistered(ChaosColumnChange change) {
        URI uri = URI.create(stack.registryUrl() + "/subjects/" + change.valueSubject() + "/versions");
        long deadline = System.nanoTime() + REGISTERED_TIMEOUT.toNanos();
        while (true) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                LOG.debug("registry not answering yet: {}", e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackException("Interrupted", e);
            }
            if (System.nanoTime() > deadline) {
                throw new StackException("cdc-engine did not register the schema of " + change.qualified() + " (subject "
                        + change.valueSubject() + ") within " + DurationText.format(REGISTERED_TIMEOUT) + "; see "
                        + stack.settings().logFile(Pipeline.CDC_ENGINE));
            }
            steps.pause(Duration.ofSeconds(1));
        }
    }

    /** cdc-engine's acknowledged changes of every table but {@code qualified}; -1 when it does not answer. */
    private double otherEvents(String qualified) {
        return scraper.scrape(ports.cdcEngine()).map(m -> m.samples().stream()
                .filter(s -> s.name().equals(MetricNames.Cdc.EVENTS_TOTAL) && !qualified.equals(s.labels().get(MetricLabels.TABLE)))
                .mapToDouble(PrometheusText.Sample::value).sum()).orElse(-1.0);
    }

    private String currentWalLsn() {
        PostgresEndpoint pg = stack.postgres();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.superUser(), pg.superPassword());
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_current_wal_lsn()::text")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new StackException("Cannot read the current WAL position on " + pg.jdbcUrl() + ": " + e.getMessage(), e);
        }
    }

    /** Waits until the slot's confirmed_flush_lsn is at or past {@code lsn}, sampling meanwhile. */
    private boolean awaitSlotPast(String lsn, Duration timeout) {
        PostgresEndpoint pg = stack.postgres();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.superUser(), pg.superPassword());
                    PreparedStatement ps = c.prepareStatement("SELECT confirmed_flush_lsn >= ?::pg_lsn FROM pg_replication_slots"
                            + " WHERE slot_name = ?")) {
                ps.setString(1, lsn);
                ps.setString(2, Chaos.SLOT);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getBoolean(1)) {
                        return true;
                    }
                }
            } catch (SQLException e) {
                LOG.warn("Cannot read slot {}: {}", Chaos.SLOT, e.getMessage());
            }
            steps.pause(Duration.ofSeconds(1));
        }
        return false;
    }

    private static String field(String body, String field) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node.hasNonNull(field)) {
                return node.get(field).asText();
            }
        } catch (IOException e) {
            // not JSON: the body as it is
        }
        return body.lines().findFirst().orElse("");
    }

    private static int jsonInt(String body, String field) {
        try {
            return JSON.readTree(body).path(field).asInt(-1);
        } catch (IOException e) {
            return -1;
        }
    }
}
