package io.tributary.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleServerTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesOnLoopbackSamplesAndRefusesActionsWithoutTheToken(@TempDir Path dir) throws Exception {
        FixedSources sources = new FixedSources();
        ConsoleToken token = ConsoleToken.loadOrCreate(dir.resolve(ConsoleToken.FILE_NAME));
        try (ConsoleServer server = ConsoleServer.start(0, "--console-port", sources, token, Duration.ofMillis(50))) {
            assertThat(server.url()).startsWith("http://127.0.0.1:");
            long deadline = System.currentTimeMillis() + 10_000;
            int points = 0;
            while (points < 2 && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
                points = new ObjectMapper().readTree(get(server, "/api/series").body()).get("t").size();
            }
            assertThat(points).isGreaterThanOrEqualTo(2);

            HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(server.url() + "api/actions/reconcile"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(401);
            HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(URI.create(server.url() + "api/actions/reconcile"))
                    .header("Authorization", "Bearer " + token.value()).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(accepted.statusCode()).isEqualTo(202);
            assertThat(sources.reconcilesStarted).hasValue(1);
            assertThat(get(server, "/").headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));

            assertThatThrownBy(() -> ConsoleServer.start(server.port(), "--console-port", sources, token, Duration.ofSeconds(5)))
                    .isInstanceOf(IOException.class).hasMessageContaining("--console-port").hasMessageContaining(":" + server.port());
        }
    }

    private HttpResponse<String> get(ConsoleServer server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
