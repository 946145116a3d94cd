package io.tributary.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaServerTest {

    @Test
    void singleNodeConfigBindsLoopbackWithReplicationFactorOne() {
        Map<String, String> c = KafkaServer.brokerConfig(new StackPorts(1, 2, 3, 4, 5), Path.of("/d/kafka/data"));
        assertThat(c).containsEntry("process.roles", "broker,controller")
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:2,CONTROLLER://127.0.0.1:3")
                .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:2")
                .containsEntry("controller.quorum.voters", "1@127.0.0.1:3")
                .containsEntry("log.dirs", "/d/kafka/data")
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("group.initial.rebalance.delay.ms", "0");
    }

    @Test
    void clusterIdIsA16ByteUrlSafeUuid() {
        String id = KafkaServer.newClusterId();
        assertThat(id).hasSize(22).matches("[A-Za-z0-9_-]+");
        assertThat(Base64.getUrlDecoder().decode(id)).hasSize(16);
        assertThat(KafkaServer.newClusterId()).isNotEqualTo(id);
    }

    @Test
    void embeddedBrokerClasspathNamesExistingKafkaJars() {
        String cp = KafkaServer.classpath();
        assertThat(cp).contains("kafka_2.13-").contains("kafka-clients-").contains("log4j-slf4j2-impl");
    }

    @Test
    void logHeaderShortensLongClasspaths() {
        String longCp = String.join(":", java.util.Collections.nCopies(30, "/root/.m2/repository/some/long/jar-1.0.jar"));
        String header = ManagedProcess.abbreviated(java.util.List.of("java", "-Xmx1g", "-cp", longCp, "Main", "arg"));
        assertThat(header).isEqualTo("java -Xmx1g -cp <30 classpath entries> Main arg");
    }

    @Test
    void clusterIdNeverStartsWithADashThatTheStorageToolWouldReadAsAnOption() {
        // a leading '-' has a 1 in 64 chance per draw: 2,000 draws would hit it ~31 times without the guard
        for (int i = 0; i < 2_000; i++) {
            assertThat(KafkaServer.newClusterId()).doesNotStartWith("-").hasSize(22);
        }
    }
}
