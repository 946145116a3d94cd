package io.tributary.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class MetricHistoryTest {

    private static Sample at(long seconds, double written, double merged, Double lag) {
        return new Sample(seconds * 1000, written, written, written, merged,
                lag == null ? OptionalDouble.empty() : OptionalDouble.of(lag), OptionalDouble.of(2.25));
    }

    @Test
    void ratesAreChangesPerSecondBetweenReadingsAndLagsArePerReading() {
        MetricHistory history = new MetricHistory(Duration.ofMinutes(15));
        history.add(at(100, 0, 0, null));
        history.add(at(105, 1000, 250, 1.5));
        history.add(at(110, 1500, 250, null));

        JsonNode json = history.seriesJson();
        assertThat(json.get("t")).extracting(JsonNode::asDouble).containsExactly(105.0, 110.0);
        assertThat(json.get("written")).extracting(JsonNode::asDouble).containsExactly(200.0, 100.0);
        assertThat(json.get("merged")).extracting(JsonNode::asDouble).containsExactly(50.0, 0.0);
        assertThat(json.get("cdcLag").get(0).asDouble()).isEqualTo(1.5);
        assertThat(json.get("cdcLag").get(1).isNull()).isTrue();
        assertThat(json.get("freshness")).extracting(JsonNode::asDouble).containsExactly(2.25, 2.25);
        assertThat(json.get("windowSeconds").asLong()).isEqualTo(900);
    }

    @Test
    void readingsOlderThanTheWindowAreDropped() {
        MetricHistory history = new MetricHistory(Duration.ofSeconds(60));
        for (long s = 0; s <= 120; s += 10) {
            history.add(at(s, s, s, 1.0));
        }
        assertThat(history.samples()).extracting(Sample::epochMillis).first().isEqualTo(60_000L);
        assertThat(history.samples()).hasSize(7);
    }

    @Test
    void aCounterThatWentDownBecauseItsStageRestartedCountsFromZero() {
        assertThat(MetricHistory.rate(5000, 300, 10)).isEqualTo(30.0);
        assertThat(MetricHistory.rate(100, 150, 0)).isZero();
    }
}
