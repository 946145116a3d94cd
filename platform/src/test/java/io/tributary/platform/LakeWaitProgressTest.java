package io.tributary.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.contracts.prometheus.PrometheusText;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

class LakeWaitProgressTest {

    /** Kafka checks an admin client's settings when it is created: the wait's client must pass that check. */
    @Test
    void theAdminClientSettingsAreAcceptedByKafka() {
        Map<String, Object> config = LakeWaitProgress.adminConfig("127.0.0.1:9");
        try (Admin admin = Admin.create(config)) {
            assertThat(admin).isNotNull();
        }
        assertThat(config.get(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG)).isEqualTo(5_000);
    }

    @Test
    void consumedOffsetsAreReadFromTheLakeJobsGauge() {
        PrometheusText lake = PrometheusText.parse("""
                # TYPE tributary_lakehouse_consumed_offset gauge
                tributary_lakehouse_consumed_offset{topic="tributary.shop.orders",partition="0"} 1200
                tributary_lakehouse_consumed_offset{topic="tributary.shop.orders",partition="2"} 7
                """);
        assertThat(LakeWaitProgress.consumedOffsets(lake))
                .containsExactlyInAnyOrderEntriesOf(Map.of("tributary.shop.orders#0", 1200L, "tributary.shop.orders#2", 7L));
    }
}
