package io.tributary.platform;

import io.tributary.contracts.prometheus.PrometheusText;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** GETs a service's {@code /metrics}; a service that does not answer (yet, or any more) gives an empty result. */
final class MetricsScraper {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    Optional<PrometheusText> scrape(int port) {
        if (port <= 0) {
            return Optional.empty();
        }
        return scrape(URI.create("http://127.0.0.1:" + port));
    }

    /** The {@code /metrics} of the service at {@code base} (e.g. {@code http://cdc-engine:8082}). */
    Optional<PrometheusText> scrape(URI base) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/metrics"))
                .timeout(Duration.ofSeconds(3)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(PrometheusText.parse(response.body())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
