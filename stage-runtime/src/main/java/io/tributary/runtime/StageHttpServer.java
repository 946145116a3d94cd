package io.tributary.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP endpoint of a stage (JDK HttpServer): {@code GET /metrics} (Prometheus text), {@code GET /health} (200 when
 * the stage says it is healthy, 503 otherwise, with its short detail), and the stage's own routes. A route that throws is
 * answered 500 with the exception's message; a GET or POST route asked with another method answers 405. Bound to
 * 127.0.0.1 unless told otherwise (a container binds 0.0.0.0 for Prometheus).
 */
public final class StageHttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StageHttpServer.class);

    private final HttpServer server;
    private final ExecutorService executor;

    private StageHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** @param stage names the threads and the log line, e.g. {@code cdc-engine} */
    public static Builder builder(String stage) {
        return new Builder(stage);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String host() {
        return server.getAddress().getHostString();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** The settings of a server; {@link #start()} binds it. */
    public static final class Builder {
        private final String stage;
        private final Map<String, StageRoute> routes = new LinkedHashMap<>();
        private String host = "127.0.0.1";
        private int port;
        private int threads = 2;
        private String bindHint = "";

        private Builder(String stage) {
            this.stage = stage;
        }

        /** The address to bind; port 0 picks a free one. */
        public Builder bind(String host, int port) {
            this.host = host;
            this.port = port;
            return this;
        }

        /** Worker threads: with two, /metrics answers while a long operation (a resume) runs. */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /** Appended to the error when the port is taken: how to choose another, e.g. the setting's name. */
        public Builder bindHint(String hint) {
            this.bindHint = hint;
            return this;
        }

        public Builder metrics(Supplier<String> prometheusText) {
            return get("/metrics", r -> StageResponse.of(200, StageResponse.PROMETHEUS, prometheusText.get()));
        }

        public Builder health(Supplier<Health> health) {
            return get("/health", r -> {
                Health h = health.get();
                String detail = h.detail().endsWith("\n") ? h.detail() : h.detail() + "\n";
                return StageResponse.text(h.healthy() ? 200 : 503, detail);
            });
        }

        /** A route answering GET only (405 otherwise); {@code path} matches itself and every path below it. */
        public Builder get(String path, StageRoute route) {
            return route(path, onlyFor("GET", route));
        }

        /** A route answering POST only (405 otherwise). */
        public Builder post(String path, StageRoute route) {
            return route(path, onlyFor("POST", route));
        }

        /** A route for every method below {@code prefix}: the route decides what each method gets. */
        public Builder route(String prefix, StageRoute route) {
            if (routes.putIfAbsent(prefix, route) != null) {
                throw new IllegalArgumentException(stage + " has two routes for " + prefix);
            }
            return this;
        }

        public StageHttpServer start() throws IOException {
            HttpServer server;
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), port), 0);
            } catch (BindException e) {
                throw new IOException("Cannot serve " + stage + "'s /metrics on " + host + ":" + port + " ("
                        + e.getMessage() + "): another process uses the port" + (bindHint.isEmpty() ? "" : "; " + bindHint),
                        e);
            }
            ExecutorService executor = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, stage + "-http");
                t.setDaemon(true);
                return t;
            });
            server.setExecutor(executor);
            routes.forEach((path, route) -> server.createContext(path, exchange -> serve(exchange, route)));
            server.start();
            LOG.info("{} serves {} on http://{}:{}", stage, String.join(", ", routes.keySet()),
                    server.getAddress().getHostString(), server.getAddress().getPort());
            return new StageHttpServer(server, executor);
        }

        private static StageRoute onlyFor(String method, StageRoute route) {
            return r -> method.equals(r.method()) ? route.handle(r) : StageResponse.methodNotAllowed();
        }
    }

    private static void serve(HttpExchange exchange, StageRoute route) {
        try (exchange) {
            StageRequest request = new StageRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRemoteAddress(), exchange.getRequestURI().getRawQuery());
            StageResponse response;
            try {
                response = route.handle(request);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                response = StageResponse.text(503, "the stage is stopping\n");
            } catch (Exception e) {
                LOG.warn("{} {} failed", request.method(), request.path(), e);
                response = StageResponse.text(500, request.method() + " " + request.path() + " failed: " + e + "\n");
            }
            send(exchange, response);
        } catch (IOException e) {
            LOG.debug("could not answer {} {}: {}", exchange.getRequestMethod(), exchange.getRequestURI(), e.toString());
        }
    }

    private static void send(HttpExchange exchange, StageResponse response) throws IOException {
        if (response.body().length == 0) {
            exchange.sendResponseHeaders(response.status(), -1);
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        exchange.sendResponseHeaders(response.status(), response.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(response.body());
        }
    }
}
