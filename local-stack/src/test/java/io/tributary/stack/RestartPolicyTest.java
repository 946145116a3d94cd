package io.tributary.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class RestartPolicyTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final RestartPolicy policy = new RestartPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30),
            Duration.ofSeconds(60), 5, Duration.ofMinutes(10));

    @Test
    void crashingProcessIsRestartedWithBackoffDoublingUpToTheMaximum() {
        List<Long> delays = new ArrayList<>();
        int streak = 0;
        Instant now = T0;
        for (int i = 0; i < 8; i++) {
            // each restart dies 2 s after it started, and restarts are spread so the window never fills
            RestartPolicy.Decision d = policy.decide(now.minusSeconds(2), now, OptionalInt.of(1), false, streak, List.of());
            assertThat(d.action()).isEqualTo(RestartPolicy.Action.RESTART);
            delays.add(d.delay().toSeconds());
            streak = d.consecutiveFailures();
            now = now.plus(Duration.ofMinutes(11));
        }
        assertThat(delays).containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L);
    }

    @Test
    void processThatStayedUpLongEnoughStartsAgainFromTheInitialBackoff() {
        RestartPolicy.Decision d = policy.decide(T0, T0.plusSeconds(61), OptionalInt.of(137), false, 4, List.of());
        assertThat(d.action()).isEqualTo(RestartPolicy.Action.RESTART);
        assertThat(d.delay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(d.consecutiveFailures()).isEqualTo(1);
    }

    @Test
    void givesUpAfterTheMaximumRestartsWithinTheWindowButNotForOlderOnes() {
        Instant now = T0.plus(Duration.ofMinutes(30));
        List<Instant> fiveRecent = List.of(now.minusSeconds(10), now.minusSeconds(60), now.minusSeconds(120),
                now.minusSeconds(300), now.minusSeconds(590));
        RestartPolicy.Decision d = policy.decide(now.minusSeconds(5), now, OptionalInt.of(1), false, 5, fiveRecent);
        assertThat(d.action()).isEqualTo(RestartPolicy.Action.GIVE_UP);
        assertThat(d.reason()).contains("5 times").contains("limit 5");

        List<Instant> oneTooOld = List.of(now.minusSeconds(10), now.minusSeconds(60), now.minusSeconds(120),
                now.minusSeconds(300), now.minusSeconds(601));
        assertThat(policy.decide(now.minusSeconds(5), now, OptionalInt.of(1), false, 5, oneTooOld).action())
                .isEqualTo(RestartPolicy.Action.RESTART);
    }

    @Test
    void oneShotThatExitedZeroIsDoneButOneThatFailedIsRestarted() {
        assertThat(policy.decide(T0, T0.plusSeconds(3), OptionalInt.of(0), true, 0, List.of()).action())
                .isEqualTo(RestartPolicy.Action.DONE);
        assertThat(policy.decide(T0, T0.plusSeconds(3), OptionalInt.empty(), true, 0, List.of()).action())
                .as("a one-shot adopted from another process: its exit code is unknown, so it is not restarted")
                .isEqualTo(RestartPolicy.Action.DONE);
        assertThat(policy.decide(T0, T0.plusSeconds(3), OptionalInt.of(2), true, 0, List.of()).action())
                .isEqualTo(RestartPolicy.Action.RESTART);
        assertThat(policy.decide(T0, T0.plusSeconds(3), OptionalInt.of(0), false, 0, List.of()).action())
                .as("a service that exits 0 was still not meant to stop").isEqualTo(RestartPolicy.Action.RESTART);
    }

    private static final String SAME = "exit 1: ERROR CdcEngine - cdc-engine stopped: value of shop.t cannot be encoded";

    @Test
    void threeQuickFailuresInARowWithTheSameSignatureAreACrashLoopGivenUpAtOnce() {
        RestartPolicy.CrashStreak streak = RestartPolicy.CrashStreak.NONE;
        int failures = 0;
        List<RestartPolicy.Action> actions = new ArrayList<>();
        Instant now = T0;
        for (int i = 0; i < 3; i++) {
            RestartPolicy.Decision d = policy.decide(now.minusSeconds(8), now, OptionalInt.of(1), false, failures, List.of(),
                    streak, SAME);
            actions.add(d.action());
            streak = d.crashStreak();
            failures = d.consecutiveFailures();
            now = now.plusSeconds(20);
        }
        assertThat(actions).containsExactly(RestartPolicy.Action.RESTART, RestartPolicy.Action.RESTART,
                RestartPolicy.Action.GIVE_UP);
        assertThat(streak).isEqualTo(new RestartPolicy.CrashStreak(3, SAME));
        RestartPolicy.Decision last = policy.decide(now.minusSeconds(8), now, OptionalInt.of(1), false, 2, List.of(),
                new RestartPolicy.CrashStreak(2, SAME), SAME);
        assertThat(last.reason()).isEqualTo("crash loop: failed 3 times in a row, each within 60 s of its start, the same"
                + " way (" + SAME + "): restarting cannot help, giving up (limit 3); fix the cause, then start it again");
    }

    @Test
    void aDifferentErrorAnExitAfterALongRunOrAnUnknownSignatureStartsTheCountAgain() {
        RestartPolicy.CrashStreak two = new RestartPolicy.CrashStreak(2, SAME);
        RestartPolicy.Decision other = policy.decide(T0, T0.plusSeconds(5), OptionalInt.of(1), false, 2, List.of(), two,
                "exit 1: ERROR LakehouseJob - batch 8 failed");
        assertThat(other.action()).as("another failure is progress of a kind").isEqualTo(RestartPolicy.Action.RESTART);
        assertThat(other.crashStreak()).isEqualTo(new RestartPolicy.CrashStreak(1, "exit 1: ERROR LakehouseJob - batch 8 failed"));

        RestartPolicy.Decision longRun = policy.decide(T0, T0.plusSeconds(90), OptionalInt.of(1), false, 2, List.of(), two, SAME);
        assertThat(longRun.action()).as("up longer than stableAfter: it did work").isEqualTo(RestartPolicy.Action.RESTART);
        assertThat(longRun.crashStreak()).isEqualTo(RestartPolicy.CrashStreak.NONE);

        RestartPolicy.Decision killed = policy.decide(T0, T0.plusSeconds(5), OptionalInt.of(137), false, 2, List.of(), two, null);
        assertThat(killed.action()).as("SIGKILL from outside says nothing about the input").isEqualTo(RestartPolicy.Action.RESTART);
        assertThat(killed.crashStreak()).isEqualTo(RestartPolicy.CrashStreak.NONE);
    }

    @Test
    void crashLoopRuleCanBeTurnedOffAndTheWindowRuleStillHolds() {
        RestartPolicy off = new RestartPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(60), 5,
                Duration.ofMinutes(10), 0);
        RestartPolicy.Decision d = off.decide(T0, T0.plusSeconds(5), OptionalInt.of(1), false, 9, List.of(),
                new RestartPolicy.CrashStreak(9, SAME), SAME);
        assertThat(d.action()).isEqualTo(RestartPolicy.Action.RESTART);
        assertThat(d.crashStreak().count()).isEqualTo(10);
        assertThat(RestartPolicy.defaults().crashLoopLimit()).isEqualTo(3);
        assertThat(policy.crashLoopLimit()).as("the five-argument constructor keeps the default").isEqualTo(3);
        assertThatThrownBy(() -> new RestartPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ZERO, 1,
                Duration.ofMinutes(1), 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("crashLoopLimit");
    }

    @Test
    void invalidSettingsAreRejected() {
        assertThatThrownBy(() -> new RestartPolicy(Duration.ZERO, Duration.ofSeconds(1), Duration.ZERO, 1, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RestartPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ZERO, 1, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RestartPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ZERO, 0, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
