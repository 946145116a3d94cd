package io.tributary.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's HTTP server on 127.0.0.1 (JDK HttpServer, two threads) and its sampler, which reads the pipeline's
 * /metrics every {@code sampleEvery} into the {@link MetricHistory} the charts draw.
 */
public final class ConsoleServer implements AutoCloseable {
    public static final int DEFAULT_PORT = 18080;
    public static final Duration DEFAULT_SAMPLE_EVERY = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServer.class);

    private final HttpServer server;
    private final ExecutorService http;
    private final ScheduledExecutorService sampler;

    private ConsoleServer(HttpServer server, ExecutorService http, ScheduledExecutorService sampler) {
        this.server = server;
        this.http = http;
        this.sampler = sampler;
    }

    /** Serves {@code sources} on 127.0.0.1:{@code port} (0: a free port); {@code portOption} is named when it is taken. */
    public static ConsoleServer start(int port, String portOption, ConsoleSources sources, ConsoleToken token,
            Duration sampleEvery) throws IOException {
        return start(InetAddress.getLoopbackAddress(), port, portOption, sources, token, sampleEvery);
    }

    /**
     * As above on {@code bind}: 127.0.0.1 but in a container, whose published port is bound to the host's loopback
     * (compose's console service).
     */
    public static ConsoleServer start(InetAddress bind, int port, String portOption, ConsoleSources sources,
            ConsoleToken token, Duration sampleEvery) throws IOException {
        MetricHistory history = new MetricHistory(MetricHistory.DEFAULT_WINDOW);
        ConsoleApi api = new ConsoleApi(sources, history, token);
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(bind, port), 0);
        } catch (BindException e) {
            throw new IOException("Cannot serve the console on " + bind.getHostAddress() + ":" + port + " (" + e.getMessage()
                    + "): another process uses the port; choose another with " + portOption + " (0 turns the console off)", e);
        }
        ExecutorService http = Executors.newFixedThreadPool(2, daemon("console-http"));
        server.setExecutor(http);
        server.createContext("/", exchange -> serve(exchange, api));
        server.start();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(daemon("console-sampler"));
        sampler.scheduleWithFixedDelay(() -> {
            try {
                history.add(sources.sample());
            } catch (RuntimeException e) {
                LOG.debug("console: reading the pipeline's metrics failed: {}", e.toString());
            }
        }, 0, sampleEvery.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("console serves http://{}:{}/", bind.getHostAddress(), server.getAddress().getPort());
        return new ConsoleServer(server, http, sampler);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port() + "/";
    }

    @Override
    public void close() {
        sampler.shutdownNow();
        server.stop(0);
        http.shutdownNow();
    }

    private static void serve(HttpExchange exchange, ConsoleApi api) {
        try (exchange) {
            ConsoleResponse response;
            try {
                String query = exchange.getRequestURI().getRawQuery();
                response = api.handle(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath()
                        + (query == null ? "" : "?" + query), exchange.getRequestHeaders().getFirst("Authorization"));
            } catch (IOException | RuntimeException e) {
                LOG.warn("console: {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e);
                response = ConsoleResponse.text(500, exchange.getRequestURI().getPath() + " failed: " + e + "\n");
            }
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            if (response.downloadName() != null) {
                exchange.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"" + response.downloadName() + "\"");
            }
            exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
            if (response.body().length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
        } catch (IOException e) {
            LOG.debug("console: could not answer {}: {}", exchange.getRequestURI(), e.toString());
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
