package io.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrendTest {

    @Test
    void slopeOfALine() {
        List<Trend.Point> pts = List.of(new Trend.Point(0, 1), new Trend.Point(1, 3), new Trend.Point(2, 5));
        assertThat(Trend.slope(pts)).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void aGrowingLagGrowsAndAWobblingOneDoesNot() {
        List<Trend.Point> growing = new ArrayList<>();
        List<Trend.Point> wobbling = new ArrayList<>();
        for (int t = 0; t < 60; t++) {
            growing.add(new Trend.Point(t, 1 + 0.5 * t));
            wobbling.add(new Trend.Point(t, t % 2 == 0 ? 1.0 : 2.0));
        }
        assertThat(Trend.grows(growing, 0.05, 5)).isTrue();
        assertThat(Trend.grows(wobbling, 0.05, 5)).isFalse();
        assertThat(Trend.slope(List.of(new Trend.Point(1, 1)))).isNaN();
    }
}
