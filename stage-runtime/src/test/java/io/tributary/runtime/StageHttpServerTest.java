package io.tributary.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class StageHttpServerTest {

    private final HttpClient client = HttpClient.newHttpClient();

    private HttpResponse<String> call(StageHttpServer server, String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesMetricsAndHealthThatFollowsTheStage() throws Exception {
        AtomicBoolean up = new AtomicBoolean(true);
        try (StageHttpServer server = StageHttpServer.builder("test").metrics(() -> "a_total 1\n")
                .health(() -> up.get() ? Health.up("UP batches=3") : Health.down("DOWN: the query stopped")).start()) {
            assertThat(server.host()).isEqualTo("127.0.0.1");
            HttpResponse<String> metrics = call(server, "GET", "/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).isEqualTo("a_total 1\n");
            assertThat(metrics.headers().firstValue("Content-Type")).hasValue(StageResponse.PROMETHEUS);
            assertThat(call(server, "GET", "/health").body()).isEqualTo("UP batches=3\n");
            assertThat(call(server, "GET", "/health").statusCode()).isEqualTo(200);
            up.set(false);
            HttpResponse<String> down = call(server, "GET", "/health");
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.body()).isEqualTo("DOWN: the query stopped\n");
            assertThat(call(server, "POST", "/metrics").statusCode()).isEqualTo(405);
            assertThat(call(server, "GET", "/nothing").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void extraRoutesWithTheirMethodsAndA500CarryingTheMessage() throws Exception {
        try (StageHttpServer server = StageHttpServer.builder("test")
                .post("/maintain", r -> StageResponse.text(200, "maintained\n"))
                .route("/tables/", r -> {
                    String[] s = r.segments();
                    if (s.length == 3 && s[2].equals("resume") && r.method().equals("POST")) {
                        if (s[1].equals("broken")) {
                            throw new IllegalStateException("checkpoint unreadable");
                        }
                        return StageResponse.json(200, "{\"table\":\"" + s[1] + "\",\"loopback\":" + r.fromLoopback() + "}");
                    }
                    return StageResponse.text(404, "use POST /tables/<table>/resume\n");
                }).start()) {
            assertThat(call(server, "POST", "/maintain").body()).isEqualTo("maintained\n");
            assertThat(call(server, "GET", "/maintain").statusCode()).isEqualTo(405);
            HttpResponse<String> resumed = call(server, "POST", "/tables/orders/resume");
            assertThat(resumed.statusCode()).isEqualTo(200);
            assertThat(resumed.body()).isEqualTo("{\"table\":\"orders\",\"loopback\":true}");
            assertThat(resumed.headers().firstValue("Content-Type")).hasValue(StageResponse.JSON);
            assertThat(call(server, "POST", "/tables/orders/drop").statusCode()).isEqualTo(404);
            HttpResponse<String> failed = call(server, "POST", "/tables/broken/resume");
            assertThat(failed.statusCode()).isEqualTo(500);
            assertThat(failed.body()).contains("POST /tables/broken/resume failed").contains("checkpoint unreadable");
            assertThat(call(server, "GET", "/metrics").statusCode()).as("no metrics route given").isEqualTo(404);
        }
    }

    @Test
    void aRouteReadsTheQuerysParametersDecoded() throws Exception {
        try (StageHttpServer server = StageHttpServer.builder("test")
                .get("/lake/preview", r -> StageResponse.text(200, new java.util.TreeMap<>(r.parameters()).toString())).start()) {
            assertThat(call(server, "GET", "/lake/preview?path=silver%2Forders&version=3&version=4&flag").body())
                    .isEqualTo("{flag=, path=silver/orders, version=3}");
            assertThat(call(server, "GET", "/lake/preview").body()).isEqualTo("{}");
        }
    }

    @Test
    void aTakenPortSaysHowToChooseAnother() throws Exception {
        try (StageHttpServer first = StageHttpServer.builder("test").metrics(() -> "").start()) {
            assertThatThrownBy(() -> StageHttpServer.builder("cdc-engine").bind("127.0.0.1", first.port())
                    .bindHint("set TRIBUTARY_CDC_METRICS_PORT to a free port").metrics(() -> "").start())
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("cdc-engine's /metrics on 127.0.0.1:" + first.port())
                    .hasMessageContaining("set TRIBUTARY_CDC_METRICS_PORT to a free port");
        }
        assertThatThrownBy(() -> StageHttpServer.builder("test").get("/a", r -> null).get("/a", r -> null))
                .hasMessageContaining("two routes for /a");
    }
}
