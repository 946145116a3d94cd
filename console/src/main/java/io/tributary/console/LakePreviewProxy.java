package io.tributary.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.contracts.lake.LakePreviewRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code GET /api/lake/preview?path=&version=}: the first 100 rows of a table of the lake, read by the lakehouse job
 * (the console has no Spark and no Parquet reader) at its {@code GET /lake/preview}. The parameters are checked here
 * first with the job's own rules ({@link LakePreviewRequest}); the job's answer is mapped by {@link #answer}. When the
 * job does not run or does not answer, the answer (503) says that the preview needs it and how to start it.
 */
final class LakePreviewProxy {
    /** Longer than the job's own timeout of a read (60 s), so its 503 arrives rather than ours. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(75);
    static final String NEEDS_THE_JOB = "the preview needs the lakehouse job: ./tributary up starts it"
            + " (./tributary status shows whether it runs)";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<Optional<URI>> job;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    /** @param job the lakehouse job's HTTP server ({@code http://127.0.0.1:<metrics port>}); empty when not known */
    LakePreviewProxy(Supplier<Optional<URI>> job) {
        this.job = job;
    }

    ConsoleResponse preview(QueryParameters query) throws IOException {
        LakePreviewRequest request;
        try {
            request = LakePreviewRequest.parse(query.text(LakePreviewRequest.PATH, null),
                    query.text(LakePreviewRequest.VERSION, null), query.text(LakePreviewRequest.LIMIT, null));
        } catch (IllegalArgumentException e) {
            return error(400, e.getMessage());
        }
        Optional<URI> base = job.get();
        if (base.isEmpty()) {
            return error(503, NEEDS_THE_JOB + "; its HTTP port is not known to the console (or is turned off:"
                    + " TRIBUTARY_LAKEHOUSE_METRICS_PORT=-1)");
        }
        URI uri = base.get().resolve(LakePreviewRequest.ENDPOINT + "?" + request.query());
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).timeout(READ_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return answer(response.statusCode(), response.body());
        } catch (HttpTimeoutException e) {
            return error(504, "the lakehouse job did not answer the preview of " + request.path() + " within "
                    + READ_TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            return error(503, NEEDS_THE_JOB + "; it does not answer at " + base.get() + " (" + e + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return error(503, "the console is stopping");
        }
    }

    /**
     * The console's answer to the job's: its JSON as it is (200); a bad parameter (400), a path that is no table or a
     * version the table lacks (404) and a busy job (503) with the job's message; any other status, and a 404 of the
     * HTTP server itself (a job without the endpoint), as 502.
     */
    static ConsoleResponse answer(int status, String body) {
        String message = body == null ? "" : body.strip();
        if (status == 404 && (message.isEmpty() || message.startsWith("<"))) {
            return error(502, "the lakehouse job has no " + LakePreviewRequest.ENDPOINT + ": it was started from an older"
                    + " build; restart it (./tributary down, then ./tributary up)");
        }
        return switch (status) {
            case 200 -> ConsoleResponse.json(200, body);
            case 400, 404 -> error(status, message);
            case 503 -> error(503, "the lakehouse job: " + message);
            default -> error(502, "the lakehouse job answered the preview with " + status
                    + (message.isEmpty() ? "" : ": " + message) + " (its log: ./tributary logs lakehouse-job)");
        };
    }

    private static ConsoleResponse error(int status, String message) {
        return ConsoleResponse.json(status, JSON.createObjectNode().put("error", message).toString());
    }
}
