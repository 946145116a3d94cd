package io.tributary.cdc.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.cdc.config.CdcConfig;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaClientPropertiesTest {
    private static final String CLUSTER = "127.0.0.1:19092,127.0.0.1:19094,127.0.0.1:19096";

    private static CdcConfig config(Map<String, String> properties) {
        return CdcConfig.resolve(properties, Map.of("TRIBUTARY_CDC_PASSWORD", "pw", "TRIBUTARY_KAFKA_BOOTSTRAP", CLUSTER), Map.of());
    }

    @Test
    void theProducerWritesWithAcksAllAndIdempotenceToEveryBroker() {
        Properties p = new KafkaClientProperties(config(Map.of("tributary.cdc.send.timeout", "90s"))).producer();
        assertThat(p).containsAllEntriesOf(Map.of("bootstrap.servers", CLUSTER, "acks", "all", "enable.idempotence", "true",
                "max.in.flight.requests.per.connection", "5", "delivery.timeout.ms", "90000", "request.timeout.ms", "30000"));
    }

    @Test
    void anOverrideChangesTuningAndAcksOrIdempotenceCannotBeOverridden() {
        Properties p = new KafkaClientProperties(config(Map.of("kafka.linger.ms", "20"))).producer();
        assertThat(p.getProperty("linger.ms")).isEqualTo("20");
        assertThat(p.getProperty("acks")).isEqualTo("all");
        assertThatThrownBy(() -> config(Map.of("kafka.acks", "1"))).hasMessageContaining("'kafka.acks' cannot be overridden");
        assertThatThrownBy(() -> config(Map.of("kafka.enable.idempotence", "false")))
                .hasMessageContaining("'kafka.enable.idempotence' cannot be overridden");
    }

    @Test
    void theAdminClientGetsEveryBrokerAndTheOverrides() {
        Properties p = new KafkaClientProperties(config(Map.of("kafka.client.dns.lookup", "use_all_dns_ips"))).admin();
        assertThat(p).containsOnly(Map.entry("bootstrap.servers", CLUSTER), Map.entry("client.dns.lookup", "use_all_dns_ips"));
    }
}
