package io.tributary.platform;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * The outcome of a chaos run and its one summary line. Exit code 0 only when reconcile found the lake equal to
 * PostgreSQL, the quarantine holds exactly the injected poison, and (with an idle phase) the slot's retained WAL stayed
 * within its bound; 3 when reconcile found a difference, 1 for anything else.
 *
 * @param performed      faults actually injected, per kind
 * @param restarts       restarts by the supervisor, per process
 * @param written        row changes the simulator reported (summed over its restarts)
 * @param captured       records in the CDC topics (replays after a crash included, poison excluded)
 * @param quarantined    distinct poison records in the quarantine table, -1 when it could not be counted
 * @param reconcileEqual null when reconcile did not run
 * @param idleWalMax     the largest retained WAL of the slot in the idle phase, -1 without one
 * @param failure        why the run failed before its end, null otherwise
 */
record ChaosReport(long seed, Duration duration, Map<ChaosFault, Integer> performed, Map<String, Integer> restarts, long written,
        long captured, int poisonInjected, long quarantined, Boolean reconcileEqual, long idleWalMax, long idleWalBound,
        String failure) {

    static final int DIFFERENT = 3;

    int exitCode() {
        if (failure != null || reconcileEqual == null) {
            return 1;
        }
        if (!reconcileEqual) {
            return DIFFERENT;
        }
        return poisonMatches() && idleWalWithinBound() ? 0 : 1;
    }

    boolean poisonMatches() {
        return quarantined == poisonInjected;
    }

    boolean idleWalWithinBound() {
        return idleWalMax < 0 || idleWalMax <= idleWalBound;
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
        if (idleWalMax >= 0) {
            sb.append(String.format(Locale.ROOT, " idle-wal-max=%s/%s%s", ByteSize.human(idleWalMax), ByteSize.human(idleWalBound),
                    idleWalWithinBound() ? "" : "(EXCEEDED)"));
        }
        sb.append(" reconcile=").append(reconcileEqual == null ? "NOT-RUN" : reconcileEqual ? "EQUAL" : "DIFFERENT");
        if (failure != null) {
            sb.append(" failure=\"").append(failure.lines().findFirst().orElse("")).append('"');
        }
        sb.append(" exit=").append(exitCode());
        return sb.toString();
    }
}
