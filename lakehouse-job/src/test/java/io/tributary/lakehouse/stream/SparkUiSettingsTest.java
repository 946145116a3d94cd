package io.tributary.lakehouse.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.contracts.metrics.MetricNames;
import io.tributary.contracts.prometheus.PrometheusText;
import io.tributary.lakehouse.config.LakehouseConfig;
import io.tributary.lakehouse.metrics.JobMetrics;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import scala.Option;

/**
 * Spark's web UI of the streaming job: on by default on 127.0.0.1 (SPARK_LOCAL_IP) with a local master, off for the
 * one-shot tools, off without a bind address or with port -1; few jobs, stages and queries kept; its port reported.
 */
class SparkUiSettingsTest {
    private static LakehouseConfig config(Map<String, String> env) {
        return LakehouseConfig.load(Map.of(), env, Map.of());
    }

    @Test
    void theStreamingJobServesItsUiOnTheConfiguredPortWhereSparkLocalIpSays() {
        Map<String, String> s = SparkSessions.settings(config(Map.of()), false, Optional.of("127.0.0.1"));
        assertThat(s).containsEntry("spark.ui.enabled", "true").containsEntry("spark.ui.port", "4040")
                .containsEntry("spark.ui.killEnabled", "false").containsEntry("spark.driver.bindAddress", "127.0.0.1");
        assertThat(SparkSessions.settings(config(Map.of("TRIBUTARY_LAKEHOUSE_SPARK_UI_PORT", "0")), false, Optional.of("127.0.0.1")))
                .containsEntry("spark.ui.enabled", "true").containsEntry("spark.ui.port", "0");
    }

    @Test
    void theUiIsOffForToolsWithoutABindAddressAndWithPortMinusOne() {
        assertThat(SparkSessions.settings(config(Map.of()), false)).containsEntry("spark.ui.enabled", "false")
                .doesNotContainKey("spark.ui.port");
        assertThat(SparkSessions.settings(config(Map.of()), false, Optional.empty())).containsEntry("spark.ui.enabled", "false");
        assertThat(SparkSessions.settings(config(Map.of("TRIBUTARY_LAKEHOUSE_SPARK_UI_PORT", "-1")), false, Optional.of("127.0.0.1")))
                .containsEntry("spark.ui.enabled", "false").doesNotContainKey("spark.ui.port");
        assertThat(SparkSessions.settings(config(Map.of()), true, Optional.of("127.0.0.1")))
                .as("a master given by spark-submit: the cluster's defaults").doesNotContainKey("spark.ui.enabled");
    }

    @Test
    void sparksStatusStoreKeepsAFewMinutesOfBatchesNotItsDefaults() {
        assertThat(SparkSessions.settings(config(Map.of()), false))
                .containsEntry("spark.ui.retainedJobs", "100").containsEntry("spark.ui.retainedStages", "100")
                .containsEntry("spark.ui.retainedTasks", "2000").containsEntry("spark.sql.ui.retainedExecutions", "50")
                .containsEntry("spark.sql.streaming.ui.retainedQueries", "10");
    }

    @Test
    void theBoundPortIsReportedInTheMetrics() {
        assertThat(SparkUiAddress.port(Option.apply("http://127.0.0.1:4041"))).hasValue(4041);
        assertThat(SparkUiAddress.port(Option.empty())).isEmpty();
        JobMetrics metrics = new JobMetrics(Clock.systemUTC());
        assertThat(PrometheusText.parse(metrics.render()).value(MetricNames.Lakehouse.SPARK_UI_PORT)).hasValue(0.0);
        metrics.sparkUiPort(4041);
        assertThat(PrometheusText.parse(metrics.render()).value(MetricNames.Lakehouse.SPARK_UI_PORT)).hasValue(4041.0);
    }
}
