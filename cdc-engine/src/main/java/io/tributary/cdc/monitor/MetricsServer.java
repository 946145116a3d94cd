package io.tributary.cdc.monitor;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tributary.cdc.parking.ParkedTable;
import io.tributary.cdc.parking.TableOperations;
import io.tributary.cdc.parking.TableOperations.TableOperationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code GET /metrics} (Prometheus text), {@code GET /health}, and the parked-table operations (JSON):
 * {@code GET /tables/parked}, {@code POST /tables/<schema.table>/accept-schema}, {@code POST /tables/<schema.table>/resume}.
 * The POST operations are answered only for clients on the loopback interface (the port is bound to 0.0.0.0 in a
 * container, for Prometheus): run them on the engine's host, e.g. {@code ./tributary resume shop.orders} or
 * {@code docker compose exec cdc-engine curl -XPOST ...}.
 */
public final class MetricsServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;
    private volatile TableOperations tableOperations;

    private MetricsServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    public static MetricsServer start(String bind, int port, CdcMetrics metrics) throws IOException {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(bind, port), 0);
        } catch (java.net.BindException e) {
            throw new IOException("Cannot serve /metrics on " + bind + ":" + port + " (" + e.getMessage() + "): another "
                    + "process uses the port; set tributary.cdc.metrics.port (TRIBUTARY_CDC_METRICS_PORT) to a free port, "
                    + "0 for any free port or -1 to disable the endpoint", e);
        }
        // two threads: /metrics answers while a resume replays
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "cdc-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        MetricsServer metricsServer = new MetricsServer(server, executor);
        server.createContext("/metrics", exchange -> respondGet(exchange, 200, "text/plain; version=0.0.4; charset=utf-8",
                PrometheusFormat.render(metrics)));
        server.createContext("/health", exchange -> respondGet(exchange, 200, "text/plain; charset=utf-8", "ok\n"));
        server.createContext("/tables", metricsServer::tables);
        server.start();
        LOG.info("Metrics on http://{}:{}/metrics, parked tables on /tables/parked", bind, server.getAddress().getPort());
        return metricsServer;
    }

    /** Enables the /tables operations (once the pipeline is wired). */
    public void serveTableOperations(TableOperations operations) {
        this.tableOperations = operations;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void tables(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            TableOperations ops = tableOperations;
            if (ops == null) {
                json(exchange, 503, error("cdc-engine is starting; try again in a few seconds"));
                return;
            }
            if (path.equals("/tables/parked") || path.equals("/tables/parked/")) {
                if (!"GET".equals(method)) {
                    json(exchange, 405, error("use GET /tables/parked"));
                    return;
                }
                json(exchange, 200, parked(ops));
                return;
            }
            String[] parts = path.split("/");
            // "", "tables", "<schema.table>", "resume" | "accept-schema"
            if (parts.length != 4 || !(parts[3].equals("resume") || parts[3].equals("accept-schema"))) {
                json(exchange, 404, error("unknown path " + path + "; use GET /tables/parked, POST /tables/<schema.table>/"
                        + "accept-schema or POST /tables/<schema.table>/resume"));
                return;
            }
            if (!"POST".equals(method)) {
                json(exchange, 405, error("use POST " + path));
                return;
            }
            if (!exchange.getRemoteAddress().getAddress().isLoopbackAddress()) {
                json(exchange, 403, error("table operations are accepted only from the engine's own host (loopback); "
                        + "you are " + exchange.getRemoteAddress().getAddress().getHostAddress()));
                return;
            }
            String table = parts[2];
            LOG.info("{} {} requested from {}", method, path, exchange.getRemoteAddress());
            try {
                if (parts[3].equals("resume")) {
                    TableOperations.ResumeResult r = ops.resume(table);
                    ObjectNode body = JSON.createObjectNode();
                    body.put("table", r.table());
                    body.put("topic", r.topic());
                    body.put("replayed", r.replayed());
                    body.put("duplicatesSkipped", r.duplicatesSkipped());
                    body.put("message", "Table " + r.table() + " streams normally again: " + r.replayed()
                            + " parked changes replayed in order into " + r.topic() + ".");
                    json(exchange, 200, body);
                } else {
                    TableOperations.AcceptResult r = ops.acceptSchema(table);
                    ObjectNode body = JSON.createObjectNode();
                    body.put("table", r.table());
                    body.put("parkedChanges", r.parkedChanges());
                    ArrayNode schemas = body.putArray("schemas");
                    for (TableOperations.AcceptedSchema s : r.schemas()) {
                        ObjectNode n = schemas.addObject();
                        n.put("subject", s.subject());
                        n.put("id", s.id());
                        n.put("version", s.version());
                        n.put("overridden", s.overridden());
                        n.put("previousSubjectLevel", s.previousLevel());
                    }
                    body.put("message", "The schemas of the parked changes of " + r.table() + " are registered; now POST "
                            + "/tables/" + r.table() + "/resume.");
                    json(exchange, 200, body);
                }
            } catch (TableOperationException e) {
                LOG.warn("{} {} failed: {}", method, path, e.getMessage());
                json(exchange, e.status(), error(e.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                json(exchange, 503, error("cdc-engine is stopping"));
            } catch (RuntimeException e) {
                LOG.warn("{} {} failed", method, path, e);
                json(exchange, 500, error(method + " " + path + " failed: " + e));
            }
        }
    }

    private static ObjectNode parked(TableOperations ops) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode list = body.putArray("parked");
        for (ParkedTable p : ops.parked()) {
            ObjectNode n = list.addObject();
            n.put("table", p.table());
            n.put("topic", p.topic());
            n.put("parkingTopic", p.parkingTopic());
            if (p.sinceLsn() == null) {
                n.putNull("sinceLsn");
            } else {
                n.put("sinceLsn", p.sinceLsn());
            }
            n.put("reason", p.kind().label());
            n.put("column", p.column());
            n.put("message", p.reason());
            n.put("parkedAt", p.parkedAt().toString());
            n.put("fix", p.fix());
        }
        return body;
    }

    private static ObjectNode error(String message) {
        ObjectNode n = JSON.createObjectNode();
        n.put("error", message);
        return n;
    }

    private static void json(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void respondGet(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
