package io.tributary.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchRuntimeException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The order in which a stack starts and stops its servers, and what its close reports, with fake servers ({@code sleep}). */
class LocalStackOrderTest {
    @TempDir
    Path dir;

    private final List<String> events = Collections.synchronizedList(new ArrayList<>());

    /** A "server" that is a {@code sleep}, ready at once, recording when it is prepared and stopped. */
    private final class FakeServer implements ServerDefinition {
        private final Service service;
        private final boolean failsToStop;

        FakeServer(Service service, boolean failsToStop) {
            this.service = service;
            this.failsToStop = failsToStop;
        }

        @Override
        public String name() {
            return service.id();
        }

        @Override
        public Map<Integer, String> ports() {
            return Map.of();
        }

        @Override
        public void prepare() {
            events.add("prepare " + name());
        }

        @Override
        public ProcessSpec processSpec() {
            return new ProcessSpec(name(), List.of("sleep", "30"), Map.of(), dir, dir.resolve("logs").resolve(name() + ".log"),
                    StopSignal.TERM);
        }

        @Override
        public Probe probe() {
            return Probe.up("fake");
        }

        @Override
        public Path dataDir() {
            return null;
        }

        @Override
        public String endpoint() {
            return "fake://" + name();
        }

        @Override
        public void stop(ManagedProcess process, Duration grace) {
            events.add("stop " + name());
            process.stop(grace);
            if (failsToStop) {
                throw new StackException(name() + " failed to stop");
            }
        }
    }

    private LocalStack stack(Set<Service> failingToStop) {
        StackSettings settings = StackSettings.builder(dir).projectRoot(dir).environment(Map.of())
                .stopTimeout(Duration.ofSeconds(5)).detachChildren(false).build();
        return new LocalStack(settings, (service, secrets) -> new FakeServer(service, failingToStop.contains(service)));
    }

    @Test
    void startsWhatAServerDependsOnFirstAndStopsInReverse() {
        LocalStack stack = LocalStack.start(stack(Set.of()), Service.REGISTRY, Service.POSTGRES);
        List<ManagedProcess> processes = List.of(stack.process(Service.KAFKA), stack.process(Service.REGISTRY),
                stack.process(Service.POSTGRES));
        assertThat(events).containsExactly("prepare kafka", "prepare schema-registry", "prepare postgres");

        stack.close();

        assertThat(events.subList(3, events.size())).containsExactly("stop schema-registry", "stop kafka", "stop postgres");
        assertThat(processes).noneMatch(ManagedProcess::isAlive);
        assertThat(stack.runRecords()).isEmpty();
    }

    @Test
    void closeStopsEveryServerAndThrowsTheFirstFailureWithTheOthersSuppressed() {
        LocalStack stack = LocalStack.start(stack(Set.of(Service.KAFKA, Service.POSTGRES)),
                Service.POSTGRES, Service.S3, Service.REGISTRY);
        List<ManagedProcess> processes = List.of(stack.process(Service.POSTGRES), stack.process(Service.KAFKA),
                stack.process(Service.S3), stack.process(Service.REGISTRY));

        RuntimeException thrown = catchRuntimeException(stack::close);

        assertThat(events.subList(4, events.size()))
                .containsExactly("stop schema-registry", "stop s3", "stop kafka", "stop postgres");
        assertThat(thrown).isInstanceOf(StackException.class).hasMessage("kafka failed to stop");
        assertThat(thrown.getSuppressed()).extracting(Throwable::getMessage).containsExactly("postgres failed to stop");
        assertThat(processes).noneMatch(ManagedProcess::isAlive);
    }
}
