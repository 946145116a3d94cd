package io.tributary.cdc.monitor;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Serves {@code GET /metrics} (Prometheus text) and {@code GET /health} on the JDK HTTP server. */
public final class MetricsServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);

    private final HttpServer server;

    private MetricsServer(HttpServer server) {
        this.server = server;
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
        server.createContext("/metrics", exchange -> respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8",
                PrometheusFormat.render(metrics)));
        server.createContext("/health", exchange -> respond(exchange, 200, "text/plain; charset=utf-8", "ok\n"));
        server.start();
        LOG.info("Metrics on http://{}:{}/metrics", bind, server.getAddress().getPort());
        return new MetricsServer(server);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
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
    }
}
