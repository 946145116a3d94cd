package io.tributary.platform;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * The outcome of a chaos run and its one summary line. Exit code 0 only when reconcile found the lake equal to
 * PostgreSQL, the quarantine holds exactly the injected poison, every incompatible column change was parked by
 * cdc-engine and resumed, every refused lake write was parked by the lakehouse job and resumed (the shop's tables
 * flowing into the lake meanwhile), and (with an idle phase) the slot's retained WAL stayed within its bound; 3 when reconcile
 * found a difference; 4 when reconcile found tables parked (every other equal: the lake is not complete); 1 for
 * anything else.
 *
 * @param performed        faults actually injected, per kind
 * @param restarts         restarts by the supervisor, per process
 * @param written          row changes the simulator reported (summed over its restarts)
 * @param captured         records in the CDC topics (replays after a crash included, poison excluded)
 * @param quarantined      distinct poison records in the quarantine table, -1 when it could not be counted
 * @param reconcileOutcome reconcile's {@code equal}, {@code parked} or {@code different}; null when it did not run
 * @param parked           the tables reconcile reported parked, as {@code table: stage ...: reason}
 * @param chaosTables      reconcile's result (equal, DIFFERENT, PARKED) per table chaos created during the storm
 * @param columnChanges    the incompatible column changes, in order
 * @param lakeParks        the refused lake writes, in order
 * @param idleWalMax       the largest retained WAL of the slot in the idle phase, -1 without one
 * @param failure          why the run failed before its end, null otherwise
 */
record ChaosReport(long seed, Duration duration, Map<ChaosFault, Integer> performed, Map<String, Integer> restarts, long written,
        long captured, int poisonInjected, long quarantined, String reconcileOutcome, List<String> parked,
        Map<String, String> chaosTables, List<ChaosParkAndResume.Outcome> columnChanges, List<ChaosLakePark.Outcome> lakeParks,
        long idleWalMax, long idleWalBound,
        String failure) {

    static final int DIFFERENT = ReconcileSummary.EXIT_DIFFERENT;
    static final int PARKED = ReconcileSummary.EXIT_PARKED;
    private static final int MAX_PARKED_REASON = 240;

    ChaosReport {
        parked = List.copyOf(parked);
        chaosTables = Map.copyOf(chaosTables);
        columnChanges = List.copyOf(columnChanges);
        lakeParks = List.copyOf(lakeParks);
    }

    int exitCode() {
        if (failure != null || reconcileOutcome == null) {
            return 1;
        }
        if (ReconcileSummary.DIFFERENT.equals(reconcileOutcome)) {
            return DIFFERENT;
        }
        if (ReconcileSummary.PARKED.equals(reconcileOutcome)) {
            return PARKED;
        }
        return poisonMatches() && idleWalWithinBound() && parksResumed() ? 0 : 1;
    }

    boolean poisonMatches() {
        return quarantined == poisonInjected;
    }

    boolean idleWalWithinBound() {
        return idleWalMax < 0 || idleWalMax <= idleWalBound;
    }

    boolean parksResumed() {
        return columnChanges.stream().allMatch(ChaosParkAndResume.Outcome::resumed)
                && lakeParks.stream().allMatch(ChaosLakePark.Outcome::resumed);
    }

    int totalFaults() {
        return performed.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The one summary line. */
    String line() {
        StringJoiner kills = new StringJoiner(" ");
        for (ChaosFault f : ChaosFault.values()) {
            kills.add(f.id() + "=" + performed.getOrDefault(f, 0));
        }
        StringJoiner restarted = new StringJoiner(" ");
        new TreeMap<>(restarts).forEach((name, n) -> restarted.add(name + "=" + n));
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "CHAOS seed=%d duration=%s faults=%d [%s] supervisor-restarts=[%s]", seed,
                DurationText.format(duration), totalFaults(), kills, restarted.length() == 0 ? "none" : restarted));
        sb.append(String.format(Locale.ROOT, " written=%d captured=%d poison=%d/%d%s", written, captured, poisonInjected,
                quarantined, poisonMatches() ? "" : "(MISMATCH)"));
        if (!columnChanges.isEmpty()) {
            StringJoiner changes = new StringJoiner("; ");
            columnChanges.forEach(c -> changes.add(c.brief()));
            sb.append(" incompatible-change=[").append(changes).append(']');
        }
        if (!lakeParks.isEmpty()) {
            StringJoiner parks = new StringJoiner("; ");
            lakeParks.forEach(p -> parks.add(p.brief()));
            sb.append(" lake-park=[").append(parks).append(']');
        }
        if (idleWalMax >= 0) {
            sb.append(String.format(Locale.ROOT, " idle-wal-max=%s/%s%s", ByteSize.human(idleWalMax), ByteSize.human(idleWalBound),
                    idleWalWithinBound() ? "" : "(EXCEEDED)"));
        }
        sb.append(" reconcile=").append(reconcileOutcome == null ? "NOT-RUN" : reconcileOutcome.toUpperCase(Locale.ROOT));
        if (!parked.isEmpty()) {
            StringJoiner tables = new StringJoiner("; ", "[", "]");
            parked.forEach(p -> {
                String one = p.replace('\n', ' ');
                tables.add(one.length() > MAX_PARKED_REASON ? one.substring(0, MAX_PARKED_REASON) + "..." : one);
            });
            sb.append(tables);
        }
        if (!chaosTables.isEmpty()) {
            StringJoiner tables = new StringJoiner(" ");
            new TreeMap<>(chaosTables).forEach((t, r) -> tables.add(t + "=" + r));
            sb.append(" chaos-tables=[").append(tables).append(']');
        }
        if (failure != null) {
            sb.append(" failure=\"").append(failure.lines().findFirst().orElse("")).append('"');
        }
        sb.append(" exit=").append(exitCode());
        return sb.toString();
    }
}
