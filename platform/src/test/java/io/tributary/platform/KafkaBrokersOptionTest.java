package io.tributary.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.contracts.stage.StageEnvironment;
import io.tributary.stack.KafkaCluster;
import io.tributary.stack.StackPorts;
import io.tributary.stack.StackSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code --kafka-brokers}: parsed, remembered in the data dir for the commands without it, and passed to cdc-engine. */
class KafkaBrokersOptionTest {
    @TempDir
    Path dir;

    private StackSettings settingsOf(String... args) {
        UpCommand up = new UpCommand();
        new CommandLine(up).parseArgs(args);
        return up.options.settings(up.start);
    }

    @Test
    void theOptionGivesAClusterAndTheDataDirRemembersIt() throws Exception {
        StackSettings three = settingsOf("--data-dir", dir.toString(), "--kafka-brokers", "3");
        assertThat(three.kafkaCluster().bootstrap()).isEqualTo("127.0.0.1:19092,127.0.0.1:19094,127.0.0.1:19096");
        PortOverrides.save(dir, three.ports(), three.kafkaCluster().size());
        assertThat(Files.readString(dir.resolve("stack.properties"))).contains("kafka.brokers=3");

        // status, down, reconcile ... find the three brokers without the option
        StatusCommand status = new StatusCommand();
        new CommandLine(status).parseArgs("--data-dir", dir.toString());
        assertThat(status.options.stack().settings().kafkaCluster().size()).isEqualTo(3);
        assertThat(settingsOf("--data-dir", dir.toString()).kafkaCluster().size()).isEqualTo(3);
        assertThat(settingsOf("--data-dir", dir.toString(), "--kafka-brokers", "1").kafkaCluster().size()).isEqualTo(1);
    }

    @Test
    void oneBrokerByDefaultAndACountThatIsNoQuorumNamesTheOption() throws Exception {
        assertThat(settingsOf("--data-dir", dir.toString()).kafkaCluster().bootstrap()).isEqualTo("127.0.0.1:19092");
        assertThatThrownBy(() -> settingsOf("--data-dir", dir.toString(), "--kafka-brokers", "2"))
                .hasMessageContaining("--kafka-brokers must be 1, 3 or 5, got 2");
        Files.writeString(dir.resolve("stack.properties"), "kafka.brokers=three\n");
        assertThatThrownBy(() -> PortOverrides.loadKafkaBrokers(dir)).hasMessageContaining("stack.properties")
                .hasMessageContaining("kafka.brokers=three").hasMessageContaining("--kafka-brokers");
    }

    @Test
    void cdcEngineCreatesTopicsWithThreeReplicasOnAClusterOfThree() {
        Map<String, String> three = Pipeline.cdcEngineEnvironment(dir, 18082, Duration.ofSeconds(10),
                KafkaCluster.of(StackPorts.DEFAULTS, 3));
        assertThat(three).containsEntry(StageEnvironment.Cdc.TOPIC_REPLICATION_FACTOR, "3")
                .containsEntry(StageEnvironment.Cdc.DATA_DIR, dir.resolve("cdc-engine").toString())
                .containsEntry(StageEnvironment.Cdc.HEARTBEAT_INTERVAL, "10000ms");
        Map<String, String> one = Pipeline.cdcEngineEnvironment(dir, 18082, Duration.ofSeconds(10),
                KafkaCluster.of(StackPorts.DEFAULTS, 1));
        assertThat(one).doesNotContainKey(StageEnvironment.Cdc.TOPIC_REPLICATION_FACTOR).hasSize(3);
    }
}
