package io.tributary.lakehouse.metrics;

import io.tributary.contracts.lake.LakePreviewRequest;
import io.tributary.lakehouse.parking.TableNotParkedException;
import io.tributary.lakehouse.preview.LakePreviewEndpoint;
import io.tributary.runtime.Health;
import io.tributary.runtime.StageHttpServer;
import io.tributary.runtime.StageRequest;
import io.tributary.runtime.StageResponse;
import java.io.IOException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job's {@link StageHttpServer}: {@code GET /metrics} (Prometheus text), {@code GET /health} (503 unless the query
 * runs), {@code POST /maintain} (runs maintenance inside the running job, the one writer of its tables on S3, and returns
 * the report), {@code POST /tables/<table>/resume} and {@code GET /lake/preview?path=&version=&limit=} (the first rows
 * of a table of the lake at a version, {@link LakePreviewEndpoint}).
 */
public final class MetricsServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);

    private final StageHttpServer server;
    private final LakePreviewEndpoint preview;

    /**
     * @param health {@code UP ...} while the query runs, {@code DOWN ...} otherwise
     * @param resume replays a parked table (POST /tables/&lt;table&gt;/resume); answers 409 with the reason when it
     *               cannot
     * @param preview answers GET /lake/preview; closed with this server
     */
    public MetricsServer(String host, int port, JobMetrics metrics, Supplier<String> health, Supplier<String> maintain,
                         Function<String, String> resume, LakePreviewEndpoint preview) throws IOException {
        this.preview = preview;
        server = StageHttpServer.builder("lakehouse-job").bind(host, port)
                .bindHint("set TRIBUTARY_LAKEHOUSE_METRICS_PORT to a free port, or -1 to disable the endpoint")
                .metrics(metrics::render)
                .health(() -> {
                    String h = health.get();
                    return new Health(h.startsWith("UP"), h);
                })
                .post("/maintain", r -> StageResponse.text(200, maintain.get()))
                .route("/tables/", r -> resume(r, resume))
                .get(LakePreviewRequest.ENDPOINT, preview::answer)
                .start();
    }

    private static StageResponse resume(StageRequest request, Function<String, String> resume) {
        String[] parts = request.path().split("/");
        if (!"POST".equals(request.method())) {
            return StageResponse.methodNotAllowed();
        }
        if (parts.length != 4 || !"resume".equals(parts[3])) {
            return StageResponse.text(404, "use POST /tables/<table>/resume\n");
        }
        String table = parts[2];
        try {
            return StageResponse.text(200, resume.apply(table));
        } catch (TableNotParkedException e) {
            return StageResponse.text(404, e.getMessage() + "\n");
        } catch (Exception e) { // Spark's checked exceptions arrive undeclared
            LOG.warn("resume of {} failed; it stays parked", table, e);
            return StageResponse.text(409, "resume of " + table + " failed, it stays parked: " + e.getMessage() + "\n");
        }
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
        preview.close();
    }
}
