package io.tributary.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StartOrderTest {
    /** A server of a made-up stack: only its name and what it depends on matter for the order. */
    record FakeServer(String name, List<FakeServer> dependencies) {
        FakeServer(String name, FakeServer... dependencies) {
            this(name, List.of(dependencies));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final FakeServer DB = new FakeServer("db");
    private static final FakeServer BROKER = new FakeServer("broker");
    private static final FakeServer STORE = new FakeServer("store");
    private static final FakeServer REGISTRY = new FakeServer("registry", BROKER);
    private static final FakeServer CONSOLE = new FakeServer("console", REGISTRY, DB);

    private final StartOrder<FakeServer> order =
            new StartOrder<>(List.of(DB, BROKER, STORE, REGISTRY, CONSOLE), FakeServer::dependencies);

    @Test
    void startsWhatAServerDependsOnFirstEachOnce() {
        assertThat(order.toStart(List.of(CONSOLE))).containsExactly(BROKER, REGISTRY, DB, CONSOLE);
        assertThat(order.toStart(List.of(REGISTRY, BROKER, CONSOLE))).containsExactly(BROKER, REGISTRY, DB, CONSOLE);
        assertThat(order.toStart(List.of(STORE, DB))).containsExactly(STORE, DB);
    }

    @Test
    void stopsDependentsBeforeWhatTheyDependOn() {
        assertThat(order.toStop(Set.of(DB, BROKER, REGISTRY, CONSOLE))).containsExactly(CONSOLE, REGISTRY, BROKER, DB);
        assertThat(order.toStop(List.of(DB, STORE))).containsExactly(STORE, DB);
        assertThat(order.toStop(List.of())).isEmpty();
    }

    @Test
    void refusesAServerRegisteredBeforeWhatItDependsOn() {
        assertThatThrownBy(() -> new StartOrder<>(List.of(DB, REGISTRY, BROKER), FakeServer::dependencies))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("registry depends on broker");
    }

    @Test
    void theStackStartsKafkaBeforeTheRegistryAndStopsInReverse() {
        StartOrder<Service> stack = new StartOrder<>(List.of(Service.values()), Service::dependencies);
        assertThat(stack.toStart(List.of(Service.REGISTRY, Service.POSTGRES)))
                .containsExactly(Service.KAFKA, Service.REGISTRY, Service.POSTGRES);
        assertThat(stack.toStop(List.of(Service.values())))
                .containsExactly(Service.REGISTRY, Service.S3, Service.KAFKA, Service.POSTGRES);
    }
}
