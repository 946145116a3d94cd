package io.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class GoldServingLatencyTest {
    private static final Instant T0 = Instant.parse("2026-12-07T19:00:00Z");

    private static Instant at(int minutes, int seconds) {
        return T0.plus(Duration.ofMinutes(minutes)).plusSeconds(seconds);
    }

    @Test
    void eachWholeMinuteIsVisibleWithTheFirstBatchWhoseWatermarkPassedIt() {
        List<GoldServingLatency.Progress> polled = List.of(
                new GoldServingLatency.Progress(0, null, at(0, 5)),
                new GoldServingLatency.Progress(1, at(0, 50), at(2, 58)),
                new GoldServingLatency.Progress(2, at(1, 0), at(3, 9)), // exactly at 19:01: the window ending then closes
                new GoldServingLatency.Progress(3, at(2, 40), at(4, 50)), // 19:02 closes here, late
                new GoldServingLatency.Progress(4, at(3, 20), at(5, 30)));
        List<GoldServingLatency.Closed> closed = GoldServingLatency.closed(polled, at(0, 30), at(5, 0), Duration.ofMinutes(1));
        assertThat(closed).extracting(GoldServingLatency.Closed::windowEnd).containsExactly(at(1, 0), at(2, 0), at(3, 0));
        assertThat(closed).extracting(GoldServingLatency.Closed::seconds).containsExactly(129.0, 170.0, 150.0);
    }

    @Test
    void noWindowBeforeTheFirstWatermarkOrOutsideTheRun() {
        List<GoldServingLatency.Progress> polled = List.of(new GoldServingLatency.Progress(7, null, at(1, 0)));
        assertThat(GoldServingLatency.closed(polled, at(0, 0), at(3, 0), Duration.ofMinutes(1))).isEmpty();
        assertThat(GoldServingLatency.closed(List.of(new GoldServingLatency.Progress(1, at(9, 0), at(9, 5))),
                at(0, 0), at(2, 0), Duration.ofMinutes(1)))
                .as("from is excluded, to included").extracting(GoldServingLatency.Closed::windowEnd)
                .containsExactly(at(1, 0), at(2, 0));
    }
}
