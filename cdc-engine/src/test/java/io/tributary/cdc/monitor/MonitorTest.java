package io.tributary.cdc.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MonitorTest {
    @Test
    void retainedWalPolicyWarnsOnCrossingThenEveryNthCheckAndNotesRecovery() {
        RetainedWalPolicy policy = new RetainedWalPolicy(1000, 3);
        assertThat(policy.evaluate(10)).isEqualTo(RetainedWalPolicy.Verdict.OK);
        assertThat(policy.evaluate(1001)).isEqualTo(RetainedWalPolicy.Verdict.WARN);
        assertThat(policy.evaluate(2000)).isEqualTo(RetainedWalPolicy.Verdict.OK);
        assertThat(policy.evaluate(3000)).isEqualTo(RetainedWalPolicy.Verdict.OK);
        assertThat(policy.evaluate(4000)).isEqualTo(RetainedWalPolicy.Verdict.WARN);
        assertThat(policy.evaluate(1000)).isEqualTo(RetainedWalPolicy.Verdict.RECOVERED);
        assertThat(policy.evaluate(900)).isEqualTo(RetainedWalPolicy.Verdict.OK);
        assertThat(policy.evaluate(5000)).isEqualTo(RetainedWalPolicy.Verdict.WARN);
    }

    @Test
    void prometheusTextHasCountersPerTableAndOpAndTheGauges() {
        CdcMetrics m = new CdcMetrics();
        m.changeDelivered("shop.orders", "c", 100L, 1_000L, 3_500L);
        m.changeDelivered("shop.orders", "c", 110L, 1_000L, 3_500L);
        m.changeDelivered("shop.customers", "u", 105L, 2_000L, 4_000L);
        m.tombstoneDelivered();
        m.heartbeat(200L);
        m.retainedWalBytes(4096);
        String text = PrometheusFormat.render(m);
        assertThat(text).contains("# TYPE tributary_cdc_events_total counter\n")
                .contains("tributary_cdc_events_total{table=\"shop.orders\",op=\"c\"} 2\n")
                .contains("tributary_cdc_events_total{table=\"shop.customers\",op=\"u\"} 1\n")
                .contains("tributary_cdc_tombstones_total 1\n")
                .contains("tributary_cdc_heartbeats_total 1\n")
                .contains("tributary_cdc_last_lsn 200\n")
                .contains("tributary_cdc_lag_seconds 2.0\n")
                .contains("tributary_cdc_retained_wal_bytes 4096\n");
        assertThat(PrometheusFormat.escape("a\"b\\c")).isEqualTo("a\\\"b\\\\c");
    }

    @Test
    void gaugesAreMinusOneBeforeTheFirstMeasurement() {
        String text = PrometheusFormat.render(new CdcMetrics());
        assertThat(text).contains("tributary_cdc_last_lsn -1\n").contains("tributary_cdc_lag_seconds -1.0\n")
                .contains("tributary_cdc_retained_wal_bytes -1\n");
    }
}
