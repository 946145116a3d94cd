package io.tributary.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** POSTs an operation to a pipeline stage's HTTP port on 127.0.0.1 (the parked-table operations). */
record StageEndpoint(String stage, int port) {

    /** A stage's answer: the HTTP status and body; empty when nothing listens. */
    record Answer(int status, String body) {
        boolean ok() {
            return status == 200;
        }

        boolean notParked() {
            return status == 404;
        }

        /** The answer's "message" (or "error") when it is a JSON object with one, else the body as it came. */
        String text() {
            try {
                JsonNode json = new ObjectMapper().readTree(body);
                for (String field : new String[] {"message", "error"}) {
                    if (json != null && json.hasNonNull(field)) {
                        return json.get(field).asText();
                    }
                }
            } catch (JsonProcessingException e) {
                // not JSON: the body is the text
            }
            return body;
        }
    }

    Optional<Answer> post(String path) throws InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + port + path);
        try {
            HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build()
                    .send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody()).build(),
                            HttpResponse.BodyHandlers.ofString());
            return Optional.of(new Answer(r.statusCode(), r.body().strip()));
        } catch (ConnectException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(new Answer(503, stage + " did not answer " + path + ": " + e.getMessage()
                    + " (run the command again: an interrupted replay can run again)"));
        }
    }
}
