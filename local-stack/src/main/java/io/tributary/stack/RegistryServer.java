package io.tributary.stack;

import io.tributary.contracts.stage.StageEnvironment;
import io.tributary.contracts.stage.StageMain;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Our schema registry (module schema-registry/server) in its own JVM; healthy when {@code GET /subjects} is 200. */
final class RegistryServer implements ServerDefinition {
    static final String MODULE = StageMain.SCHEMA_REGISTRY.module();
    static final String MAIN = StageMain.SCHEMA_REGISTRY.className();

    private final StackSettings settings;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    RegistryServer(StackSettings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return Service.REGISTRY.id();
    }

    @Override
    public Map<Integer, String> ports() {
        return Map.of(settings.ports().registry(), Service.REGISTRY.portOption());
    }

    String url() {
        return "http://127.0.0.1:" + settings.ports().registry();
    }

    @Override
    public void prepare() throws IOException {
        Files.createDirectories(settings.serviceDir(Service.REGISTRY));
    }

    @Override
    public ProcessSpec processSpec() {
        ModuleLaunch launch = new ModuleLaunch(MODULE, MAIN, List.of(), Map.of(
                StageEnvironment.Stack.KAFKA_BOOTSTRAP, settings.kafkaCluster().bootstrap(),
                StageEnvironment.Registry.HOST, "127.0.0.1",
                StageEnvironment.Registry.PORT, Integer.toString(settings.ports().registry())),
                settings.registryJvmOptions(), Service.REGISTRY.id());
        return launch.toSpec(settings, Map.of());
    }

    @Override
    public Probe probe() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url() + "/subjects"))
                    .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200
                    ? Probe.up("GET /subjects -> 200 " + abbreviate(response.body()))
                    : Probe.down("GET /subjects -> HTTP " + response.statusCode());
        } catch (IOException e) {
            return Probe.down(e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Probe.down("interrupted");
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }

    /** Its schemas live in Kafka's {@code _schemas} topic. */
    @Override
    public Path dataDir() {
        return null;
    }

    @Override
    public String endpoint() {
        return url();
    }
}
