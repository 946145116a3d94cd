package io.tributary.lakehouse.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tributary.lakehouse.parking.TableNotParkedException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code GET /metrics} (Prometheus text) and {@code GET /health}, and answers {@code POST /maintain} by running
 * maintenance inside the running job (the one writer of its tables on S3) and returning the report; JDK HTTP server.
 */
public final class MetricsServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);

    private final HttpServer server;

    /**
     * @param resume replays a parked table (POST /tables/&lt;table&gt;/resume); answers 409 with the reason when it
     *               cannot
     */
    public MetricsServer(String host, int port, JobMetrics metrics, Supplier<String> health, Supplier<String> maintain,
                         java.util.function.Function<String, String> resume) throws IOException {
        server = HttpServer.create(new InetSocketAddress(host, port), 16);
        server.createContext("/metrics", ex -> respond(ex, "GET", 200, "text/plain; version=0.0.4", metrics::render));
        server.createContext("/health", ex -> respond(ex, "GET", 200, "text/plain", health));
        server.createContext("/maintain", ex -> respond(ex, "POST", 200, "text/plain", maintain));
        server.createContext("/tables/", ex -> {
            String[] parts = ex.getRequestURI().getPath().split("/");
            if (!"POST".equals(ex.getRequestMethod()) || parts.length != 4 || !"resume".equals(parts[3])) {
                respond(ex, "POST", 404, "text/plain", () -> "use POST /tables/<table>/resume\n");
                return;
            }
            String table = parts[2];
            try {
                String answer = resume.apply(table);
                respond(ex, "POST", 200, "text/plain", () -> answer);
            } catch (TableNotParkedException e) {
                respond(ex, "POST", 404, "text/plain", () -> e.getMessage() + "\n");
            } catch (Exception e) { // Spark's checked exceptions arrive undeclared
                LOG.warn("resume of {} failed; it stays parked", table, e);
                String answer = "resume of " + table + " failed, it stays parked: " + e.getMessage() + "\n";
                respond(ex, "POST", 409, "text/plain", () -> answer);
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "metrics-http");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        LOG.info("metrics on http://{}:{}/metrics", host, port());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void respond(HttpExchange ex, String method, int status, String type, Supplier<String> body)
            throws IOException {
        try (ex) {
            if (!method.equals(ex.getRequestMethod())) {
                ex.sendResponseHeaders(405, -1);
                return;
            }
            byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", type);
            ex.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        } catch (RuntimeException e) {
            LOG.warn("{} {} failed", ex.getRequestMethod(), ex.getRequestURI(), e);
            byte[] bytes = ("failed: " + e + "\n").getBytes(StandardCharsets.UTF_8);
            try {
                ex.sendResponseHeaders(500, bytes.length);
                ex.getResponseBody().write(bytes);
            } catch (IOException ignored) {
                // headers were already sent; the client sees a truncated answer
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
