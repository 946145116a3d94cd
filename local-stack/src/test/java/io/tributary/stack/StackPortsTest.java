package io.tributary.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StackPortsTest {

    @Test
    void defaultsAreTheDocumentedPorts() {
        assertThat(StackPorts.DEFAULTS).isEqualTo(new StackPorts(15432, 19092, 19093, 18081, 19000));
    }

    @Test
    void freePortsAreDistinctAndBindable() {
        StackPorts p = StackPorts.free();
        List<Integer> all = List.of(p.postgres(), p.kafka(), p.kafkaController(), p.registry(), p.s3());
        assertThat(new HashSet<>(all)).hasSize(5);
        assertThat(all).allMatch(PortAvailability::isFree);
        assertThat(all).allMatch(port -> port >= StackPorts.FREE_PORT_MIN && port < StackPorts.FREE_PORT_MAX);
    }

    @Test
    void freePortNeverHandsOutAPortTwiceEvenBeforeItsServerBindsIt() {
        StackPorts stack = StackPorts.free();
        Set<Integer> seen = new HashSet<>(List.of(stack.postgres(), stack.kafka(), stack.kafkaController(),
                stack.registry(), stack.s3(), stack.scheduler()));
        for (int i = 0; i < 500; i++) {
            assertThat(seen.add(StackPorts.freePort())).as("port %d handed out twice", i).isTrue();
        }
    }

    @Test
    void theSchedulerHasItsOwnDefaultAndFreePort() {
        assertThat(StackPorts.DEFAULTS.scheduler()).isEqualTo(18085);
        StackPorts p = StackPorts.free();
        assertThat(List.of(p.postgres(), p.kafka(), p.kafkaController(), p.registry(), p.s3())).doesNotContain(p.scheduler());
        assertThat(PortAvailability.isFree(p.scheduler())).isTrue();
        assertThatThrownBy(() -> new StackPorts(1, 2, 3, 4, 5, 5)).hasMessageContaining("two services");
        assertThatThrownBy(() -> new StackPorts(1, 2, 3, 4, 5, 0)).hasMessageContaining("--scheduler-port");
    }

    @Test
    void outOfRangePortNamesTheOption() {
        assertThatThrownBy(() -> new StackPorts(0, 2, 3, 4, 5)).hasMessageContaining("--postgres-port");
        assertThatThrownBy(() -> new StackPorts(1, 2, 70000, 4, 5)).hasMessageContaining("--kafka-controller-port");
    }

    @Test
    void samePortTwiceIsRejected() {
        assertThatThrownBy(() -> new StackPorts(1000, 1000, 3, 4, 5)).hasMessageContaining("1000").hasMessageContaining("two services");
    }

    @Test
    void takenPortGivesAnErrorNamingPortServiceAndOption() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertThat(PortAvailability.isFree(port)).isFalse();
            assertThatThrownBy(() -> PortAvailability.requireFree("postgres", port, "--postgres-port"))
                    .isInstanceOf(StackException.class)
                    .hasMessageContaining("Port " + port)
                    .hasMessageContaining("postgres")
                    .hasMessageContaining("--postgres-port=<port>");
        }
    }

    @Test
    void serviceParsesIdsAndNames() {
        assertThat(Service.parse("schema-registry")).isEqualTo(Service.REGISTRY);
        assertThat(Service.parse("REGISTRY")).isEqualTo(Service.REGISTRY);
        assertThat(Service.parse(" Kafka ")).isEqualTo(Service.KAFKA);
        assertThatThrownBy(() -> Service.parse("mysql")).hasMessageContaining("mysql").hasMessageContaining("postgres");
        assertThat(Service.REGISTRY.dependencies()).containsExactly(Service.KAFKA);
    }
}
