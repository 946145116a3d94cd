package io.tributary.simulator.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SchemaChangeScheduleTest {

    @Test
    void withADurationStepsAreSpreadEvenly() {
        SchemaChangeSchedule s = new SchemaChangeSchedule(4, Duration.ofSeconds(50), 0, Duration.ofMinutes(1));
        assertThat(s.due(Duration.ofSeconds(9), 0)).isZero();
        assertThat(s.due(Duration.ofSeconds(10), 0)).isEqualTo(1);
        assertThat(s.due(Duration.ofSeconds(39), 0)).isEqualTo(3);
        assertThat(s.due(Duration.ofSeconds(40), 0)).isEqualTo(4);
        assertThat(s.due(Duration.ofSeconds(500), 0)).isEqualTo(4);
    }

    @Test
    void withAChangeBudgetStepsFollowTheChanges() {
        SchemaChangeSchedule s = new SchemaChangeSchedule(4, null, 5_000, Duration.ofMinutes(1));
        assertThat(s.due(Duration.ofHours(1), 999)).isZero();
        assertThat(s.due(Duration.ZERO, 1_000)).isEqualTo(1);
        assertThat(s.due(Duration.ZERO, 4_999)).isEqualTo(4);
    }

    @Test
    void withoutAnEndOneStepPerInterval() {
        SchemaChangeSchedule s = new SchemaChangeSchedule(4, null, 0, Duration.ofMinutes(1));
        assertThat(s.due(Duration.ofSeconds(59), 10)).isZero();
        assertThat(s.due(Duration.ofSeconds(125), 10)).isEqualTo(2);
        assertThat(s.due(Duration.ofHours(2), 10)).isEqualTo(4);
    }
}
