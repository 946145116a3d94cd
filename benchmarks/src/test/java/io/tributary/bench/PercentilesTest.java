package io.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void nearestRankOnOneToHundred() {
        double[] values = new double[100];
        for (int i = 0; i < 100; i++) {
            values[i] = 100 - i; // unsorted input
        }
        Percentiles p = Percentiles.unweighted(values);
        assertThat(p.at(50)).isEqualTo(50);
        assertThat(p.at(95)).isEqualTo(95);
        assertThat(p.at(99)).isEqualTo(99);
        assertThat(p.at(100)).isEqualTo(100);
        assertThat(p.at(0.5)).isEqualTo(1);
    }

    @Test
    void weightsCountAsThatManyObservations() {
        // 90 observations of 1 s, 10 of 10 s: p50 and p90 are 1 s, p95 and p99 are 10 s
        Percentiles p = new Percentiles(List.of(new Percentiles.Weighted(10, 10), new Percentiles.Weighted(1, 90)));
        assertThat(p.at(50)).isEqualTo(1);
        assertThat(p.at(90)).isEqualTo(1);
        assertThat(p.at(95)).isEqualTo(10);
        assertThat(p.at(99)).isEqualTo(10);
        assertThat(p.totalWeight()).isEqualTo(100);
    }

    @Test
    void emptyGivesNaNAndBadPercentileIsRefused() {
        assertThat(Percentiles.unweighted().at(50)).isNaN();
        assertThatThrownBy(() -> Percentiles.unweighted(1).at(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Percentiles.unweighted(1).at(101)).isInstanceOf(IllegalArgumentException.class);
    }
}
