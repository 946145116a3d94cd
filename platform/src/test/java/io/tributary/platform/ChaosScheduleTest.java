package io.tributary.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ChaosScheduleTest {
    private static final Duration TEN_MINUTES = Duration.ofMinutes(10);

    @Test
    void sameSeedGivesTheSamePlanAndAnotherSeedAnotherOne() {
        List<ChaosSchedule.Planned> a = ChaosSchedule.plan(42, 20, TEN_MINUTES, ChaosFault.scheduled());
        assertThat(ChaosSchedule.plan(42, 20, TEN_MINUTES, ChaosFault.scheduled())).isEqualTo(a);
        assertThat(ChaosSchedule.plan(43, 20, TEN_MINUTES, ChaosFault.scheduled())).isNotEqualTo(a);
    }

    @Test
    void faultsAreSpreadOverTheMiddleOfTheStormInOrder() {
        List<ChaosSchedule.Planned> plan = ChaosSchedule.plan(7, 20, TEN_MINUTES, ChaosFault.scheduled());
        assertThat(plan).hasSize(20);
        assertThat(plan).extracting(ChaosSchedule.Planned::at).isSorted()
                .allSatisfy(at -> assertThat(at).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(570)));
        // one fault per slot of 27 s: never two in the same slot
        assertThat(plan.stream().map(p -> (p.at().toMillis() - 30_000) / 27_000).distinct()).hasSize(20);
    }

    @Test
    void everyKindOccursBeforeAnyRepeatsAndCountsStayBalanced() {
        List<ChaosFault> kinds = ChaosFault.scheduled();
        List<ChaosSchedule.Planned> plan = ChaosSchedule.plan(1, 2 * kinds.size(), TEN_MINUTES, kinds);
        Map<ChaosFault, Long> counts = plan.stream().collect(Collectors.groupingBy(ChaosSchedule.Planned::fault, Collectors.counting()));
        assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(kinds);
        assertThat(counts.values()).allSatisfy(n -> assertThat(n).isEqualTo(2L)); // twice as many as there are kinds
        assertThat(kinds).doesNotContain(ChaosFault.KILL_CDC_ENGINE_IN_SNAPSHOT)
                .contains(ChaosFault.NEW_TABLE_EDGE_VALUES, ChaosFault.INCOMPATIBLE_COLUMN_CHANGE, ChaosFault.LAKE_WRITE_REFUSED);

        List<ChaosSchedule.Planned> few = ChaosSchedule.plan(5, kinds.size(), Duration.ofMinutes(2), kinds);
        assertThat(few).extracting(ChaosSchedule.Planned::fault).containsExactlyInAnyOrderElementsOf(kinds);
    }

    @Test
    void theTableFaultsAreDealtLikeTheOthersWithTheirOwnSeeds() {
        assertThat(ChaosFault.NEW_TABLE_EDGE_VALUES.id()).isEqualTo("new-table-edge-values");
        assertThat(ChaosFault.INCOMPATIBLE_COLUMN_CHANGE.id()).isEqualTo("incompatible-column-change");
        List<ChaosSchedule.Planned> plan = ChaosSchedule.plan(20261121, ChaosFault.scheduled().size(), Duration.ofSeconds(45),
                ChaosFault.scheduled());
        assertThat(plan).extracting(ChaosSchedule.Planned::fault)
                .containsOnlyOnce(ChaosFault.NEW_TABLE_EDGE_VALUES, ChaosFault.INCOMPATIBLE_COLUMN_CHANGE);
        assertThat(plan).extracting(ChaosSchedule.Planned::seed).doesNotHaveDuplicates();
    }

    @Test
    void zeroFaultsIsAnEmptyPlanAndNegativeIsRejected() {
        assertThat(ChaosSchedule.plan(1, 0, TEN_MINUTES, ChaosFault.scheduled())).isEmpty();
        assertThatThrownBy(() -> ChaosSchedule.plan(1, -1, TEN_MINUTES, ChaosFault.scheduled()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--kills");
    }

    @Test
    void poisonIsThreeBrokenFramesReproducibleFromTheirSeed() {
        List<byte[]> poison = ChaosPoisonRecords.of(99);
        assertThat(poison).hasSize(3);
        assertThat(poison.get(0)[0]).as("random bytes never carry the magic byte").isNotZero();
        assertThat(poison.get(1)[0]).isEqualTo((byte) 1);
        assertThat(poison.get(2)[0]).isZero();
        assertThat(ByteBuffer.wrap(poison.get(2), 1, 4).getInt()).isEqualTo(ChaosPoisonRecords.UNKNOWN_SCHEMA_ID);
        List<byte[]> again = ChaosPoisonRecords.of(99);
        for (int i = 0; i < 3; i++) {
            assertThat(again.get(i)).isEqualTo(poison.get(i));
        }
    }

    @Test
    void writtenCounterAddsUpAcrossSimulatorRestarts() {
        Chaos.WrittenCounter c = new Chaos.WrittenCounter();
        for (double v : new double[] {10, 50, 120, 5, 40, 40, 90}) {
            c.observe(v);
        }
        assertThat(c.total()).isEqualTo(120 + 90);
    }

}
