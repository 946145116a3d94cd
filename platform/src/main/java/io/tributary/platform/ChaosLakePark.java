package io.tributary.platform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs one {@link ChaosFault#LAKE_WRITE_REFUSED}: creates {@code chaos_lake_<n>} and starts a writer changing it every
 * {@value ChaosParkAndResume#WRITE_EVERY_MS} ms; once its silver table exists, adds a CHECK constraint to it the way a
 * user would ({@code ./tributary sql "ALTER TABLE silver_all.<t> ADD CONSTRAINT ..."}) and writes a row in PostgreSQL
 * that breaks it. The lakehouse job's MERGE is refused and the job parks that table; meanwhile the shop's tables must
 * keep flowing into the lake (measured right after a batch, as before the fault). Then the documented fix: drop the
 * constraint and {@code ./tributary resume <t>} (the job's {@code POST /tables/<t>/resume}), which replays the parked
 * changes in order. Each step is bounded; a step that fails is named in the {@link Outcome}.
 */
final class ChaosLakePark {
    private static final Duration IN_SILVER_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration PARK_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration UNPARK_TIMEOUT = Duration.ofSeconds(30);
    private static final int SQL_ATTEMPTS = 3;

    /**
     * What happened.
     *
     * @param table           the table, without schema
     * @param parkedAfter     from the breaking change to the lake's parked gauge, null when it did not park
     * @param reason          the lake's reason, null when it did not park
     * @param lakeWhileParked the shop's tables in the lake while the table was parked
     * @param writes          the writer's statements
     * @param problems        what did not go as documented, empty when the table was parked and resumed
     */
    record Outcome(String table, Duration parkedAfter, String reason, ChaosLakeProgress.DuringPark lakeWhileParked, long writes,
            List<String> problems) {

        Outcome {
            problems = List.copyOf(problems);
        }

        boolean resumed() {
            return problems.isEmpty();
        }

        Outcome withWrites(long n) {
            return new Outcome(table, parkedAfter, reason, lakeWhileParked, n, problems);
        }

        /** For the summary line, e.g. {@code chaos_lake_1 parked-after=14.2s lake-others=+530 lake-freshness=21s(before=19s) writes=900 resumed}. */
        String brief() {
            StringBuilder sb = new StringBuilder(table);
            sb.append(parkedAfter == null ? " NOT-PARKED" : String.format(Locale.ROOT, " parked-after=%.1fs", parkedAfter.toMillis() / 1000.0));
            sb.append(lakeWhileParked.brief()).append(" writes=").append(writes);
            sb.append(resumed() ? " resumed" : " NOT-RESUMED(" + problems.get(0).lines().findFirst().orElse("") + ")");
            return sb.toString();
        }
    }

    private final ChaosSteps steps;
    private final LakehouseTool tool;
    private final Consumer<String> say;

    ChaosLakePark(ChaosSteps steps, LakehouseTool tool, Consumer<String> say) {
        this.steps = steps;
        this.tool = tool;
        this.say = say;
    }

    Outcome run(ChaosLakeConstraint fault, long seed, String elapsed) {
        String table = fault.table();
        steps.execute(fault.create());
        if (!awaitInSilver(table)) {
            return new Outcome(table, null, null, ChaosLakeProgress.DuringPark.NOT_MEASURED, 0, List.of("silver." + table
                    + " got no row within " + DurationText.format(IN_SILVER_TIMEOUT) + "; see "
                    + steps.stack().settings().logFile(Pipeline.LAKEHOUSE_JOB)));
        }
        // before the writer starts: the constraint's check of the stored rows would lose the race against every batch
        // that appends to the table while it runs (Delta's ConcurrentAppendException)
        Optional<String> added = lakeSql(fault.addConstraint());
        if (added.isPresent()) {
            return new Outcome(table, null, null, ChaosLakeProgress.DuringPark.NOT_MEASURED, 0,
                    List.of("adding the constraint failed: " + added.get()));
        }
        say.accept("  ./tributary sql \"" + fault.addConstraint() + "\"");
        ChaosTableWriter writer = ChaosTableWriter.start(steps.stack().postgres(), fault.writes(seed), "chaos-writer-" + table);
        Outcome outcome;
        try {
            outcome = parkAndResume(fault, elapsed);
            steps.pause(Duration.ofSeconds(2));
        } finally {
            writer.stop();
        }
        outcome = outcome.withWrites(writer.written());
        say.accept("  " + fault.qualified() + ": " + outcome.writes() + " writes by the writer (" + writer.failures() + " failed); "
                + (outcome.resumed() ? "parked by the lake and resumed" : "NOT resumed: " + outcome.problems().get(0)));
        return outcome;
    }

    private Outcome parkAndResume(ChaosLakeConstraint fault, String elapsed) {
        String table = fault.table();
        List<String> problems = new ArrayList<>();
        ChaosLakeProgress.DuringPark notMeasured = ChaosLakeProgress.DuringPark.NOT_MEASURED;
        Optional<ChaosLakeProgress.Batch> lakeBefore = steps.nextLakeBatch(Optional.empty());
        long brokenAt = System.nanoTime();
        steps.execute(List.of(fault.breakingInsert()));
        say.accept("FAULT at " + elapsed + ": " + fault.describe() + " while a writer changes the table every "
                + ChaosParkAndResume.WRITE_EVERY_MS + " ms (the lake's MERGE is refused)");
        Optional<ParkedTable> parked = steps.awaitParked(Pipeline.LAKEHOUSE_JOB, steps.ports().lakehouseJob(), table, PARK_TIMEOUT);
        if (parked.isEmpty()) {
            problems.add("the lakehouse job did not park " + table + " within " + DurationText.format(PARK_TIMEOUT)
                    + " of the breaking change; see " + steps.stack().settings().logFile(Pipeline.LAKEHOUSE_JOB));
            lakeSql(fault.dropConstraint());
            return new Outcome(table, null, null, notMeasured, 0, problems);
        }
        Duration parkedAfter = Duration.ofNanos(System.nanoTime() - brokenAt);
        ChaosLakeProgress.DuringPark lakeWhileParked = ChaosLakeProgress.DuringPark.of(lakeBefore,
                steps.nextLakeBatch(steps.lakeProgress()));
        say.accept(String.format(Locale.ROOT, "  the lakehouse job parked %s after %.1f s (%s); the lake meanwhile:%s", table,
                parkedAfter.toMillis() / 1000.0, parked.get().reason(), lakeWhileParked.brief()));
        if (lakeWhileParked.othersMerged() == 0) {
            problems.add("the lake merged no row into the shop's tables within " + DurationText.format(ChaosSteps.LAKE_ADVANCE_TIMEOUT)
                    + " while " + table + " was parked");
        }
        Optional<String> dropped = lakeSql(fault.dropConstraint());
        if (dropped.isPresent()) {
            problems.add("dropping the constraint failed: " + dropped.get());
            return new Outcome(table, parkedAfter, parked.get().reason(), lakeWhileParked, 0, problems);
        }
        String resumePath = "/tables/" + table + "/resume";
        StageEndpoint.Answer resumed = steps.postUntilAnswered(Pipeline.LAKEHOUSE_JOB, steps.ports().lakehouseJob(), resumePath);
        say.accept("  ./tributary sql \"" + fault.dropConstraint() + "\"; ./tributary resume " + table + ": lakehouse-job answered "
                + resumed.status() + " " + resumed.body().lines().findFirst().orElse(""));
        if (!resumed.ok()) {
            problems.add("resume (lakehouse-job) answered " + resumed.status() + ": " + resumed.body());
        } else if (!steps.awaitUnparked(Pipeline.LAKEHOUSE_JOB, steps.ports().lakehouseJob(), table, UNPARK_TIMEOUT)) {
            problems.add("the lakehouse job still reports " + table + " parked " + DurationText.format(UNPARK_TIMEOUT)
                    + " after its resume");
        }
        return new Outcome(table, parkedAfter, parked.get().reason(), lakeWhileParked, 0, problems);
    }

    /** Waits until the lake merged rows of {@code table}: its silver table exists, so a constraint can be added. */
    private boolean awaitInSilver(String table) {
        long deadline = System.nanoTime() + IN_SILVER_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ChaosLakeProgress> now = steps.lakeProgress();
            if (now.isPresent() && now.get().merged().getOrDefault(table, 0.0) > 0) {
                return true;
            }
            steps.pause(Duration.ofSeconds(1));
        }
        return false;
    }

    /** Runs Spark SQL on the lake as {@code ./tributary sql} does; empty when it worked, else the error and the log. */
    private Optional<String> lakeSql(String sql) {
        LakehouseTool.Result last = null;
        for (int attempt = 1; attempt <= SQL_ATTEMPTS; attempt++) {
            // another commit to the table (the job's own batch) may win the race: Delta refuses the ALTER, and it is tried again
            last = tool.run("sql", LakehouseTool.JOB_MAIN, List.of("sql", sql), null);
            if (last.exitCode() == 0) {
                return Optional.empty();
            }
            say.accept("  ./tributary sql \"" + sql + "\" attempt " + attempt + "/" + SQL_ATTEMPTS + " exited " + last.exitCode()
                    + "; see " + last.log());
        }
        return Optional.of("`./tributary sql \"" + sql + "\"` exited " + last.exitCode() + "; see " + last.log());
    }
}
