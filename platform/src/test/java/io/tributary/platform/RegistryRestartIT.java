package io.tributary.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.stack.LocalStack;
import io.tributary.stack.Service;
import io.tributary.stack.StackSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The schema registry started by the stack survives a SIGKILL: a schema registered before is served after. */
class RegistryRestartIT {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void registeredSchemaSurvivesAKilledRegistry() throws Exception {
        Path dir = Path.of("target", "it-stacks", "RegistryRestartIT-" + System.currentTimeMillis()).toAbsolutePath();
        try (LocalStack stack = LocalStack.start(StackSettings.forTests(dir), Service.REGISTRY)) {
            assertThat(stack.isRunning(Service.KAFKA)).as("the registry brings its Kafka").isTrue();
            String schema = "{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"Customer\\\",\\\"fields\\\":[{\\\"name\\\":\\\"id\\\",\\\"type\\\":\\\"long\\\"}]}";
            HttpResponse<String> registered = http.send(HttpRequest.newBuilder(
                            URI.create(stack.registryUrl() + "/subjects/tributary.shop.customer-value/versions"))
                    .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"schema\":\"" + schema + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
            String id = registered.body().replaceAll("\\D+", "");

            long before = stack.pid(Service.REGISTRY);
            stack.kill(Service.REGISTRY);
            stack.start(Service.REGISTRY);
            assertThat(stack.pid(Service.REGISTRY)).isNotEqualTo(before);

            HttpResponse<String> subjects = http.send(HttpRequest.newBuilder(URI.create(stack.registryUrl() + "/subjects")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(subjects.body()).isEqualTo("[\"tributary.shop.customer-value\"]");
            HttpResponse<String> byId = http.send(HttpRequest.newBuilder(URI.create(stack.registryUrl() + "/schemas/ids/" + id)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(byId.statusCode()).isEqualTo(200);
            assertThat(byId.body()).contains("Customer");
        }
    }
}
