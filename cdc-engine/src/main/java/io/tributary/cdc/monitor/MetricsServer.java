package io.tributary.cdc.monitor;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.cdc.parking.ParkedTable;
import io.tributary.cdc.parking.TableOperations;
import io.tributary.cdc.parking.TableOperations.TableOperationException;
import io.tributary.cdc.signal.BackfillRequest;
import io.tributary.cdc.signal.TableBackfill;
import io.tributary.runtime.Health;
import io.tributary.runtime.StageHttpServer;
import io.tributary.runtime.StageRequest;
import io.tributary.runtime.StageResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's {@link StageHttpServer}: {@code GET /metrics} (Prometheus text), {@code GET /health}, and the
 * parked-table operations (JSON): {@code GET /tables/parked}, {@code POST /tables/<schema.table>/accept-schema},
 * {@code POST /tables/<schema.table>/resume}, and {@code POST /tables/<schema.table>/backfill} (an incremental snapshot
 * of the table while streaming goes on). The POST operations are answered only for clients on the loopback interface
 * (the port is bound to 0.0.0.0 in a container, for Prometheus): run them on the engine's host, e.g.
 * {@code ./tributary resume shop.orders} or {@code docker compose exec cdc-engine curl -XPOST ...}.
 */
public final class MetricsServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private StageHttpServer server;
    private volatile TableOperations tableOperations;
    private volatile TableBackfill backfill;

    private MetricsServer() {
    }

    public static MetricsServer start(String bind, int port, CdcMetrics metrics) throws IOException {
        MetricsServer metricsServer = new MetricsServer();
        // two threads: /metrics answers while a resume replays
        metricsServer.server = StageHttpServer.builder("cdc").bind(bind, port).threads(2)
                .bindHint("set tributary.cdc.metrics.port (TRIBUTARY_CDC_METRICS_PORT) to a free port, 0 for any free"
                        + " port or -1 to disable the endpoint")
                .metrics(() -> PrometheusFormat.render(metrics))
                .health(() -> Health.up("ok"))
                .route("/tables", metricsServer::tables)
                .start();
        return metricsServer;
    }

    /** Enables the /tables operations (once the pipeline is wired). */
    public void serveTableOperations(TableOperations operations) {
        this.tableOperations = operations;
    }

    /** Enables {@code POST /tables/<schema.table>/backfill}. */
    public void serveBackfill(TableBackfill backfill) {
        this.backfill = backfill;
    }

    public int port() {
        return server.port();
    }

    private StageResponse tables(StageRequest request) throws JsonProcessingException {
        String path = request.path();
        String method = request.method();
        TableOperations ops = tableOperations;
        TableBackfill backfills = backfill;
        if (ops == null) {
            return json(503, error("cdc-engine is starting; try again in a few seconds"));
        }
        if (path.equals("/tables/parked") || path.equals("/tables/parked/")) {
            if (!"GET".equals(method)) {
                return json(405, error("use GET /tables/parked"));
            }
            return json(200, parked(ops));
        }
        String[] parts = path.split("/");
        // "", "tables", "<schema.table>", "resume" | "accept-schema" | "backfill"
        if (parts.length != 4 || !(parts[3].equals("resume") || parts[3].equals("accept-schema")
                || parts[3].equals("backfill"))) {
            return json(404, error("unknown path " + path + "; use GET /tables/parked, POST /tables/<schema.table>/"
                    + "accept-schema, POST /tables/<schema.table>/resume or POST /tables/<schema.table>/backfill"));
        }
        if (!"POST".equals(method)) {
            return json(405, error("use POST " + path));
        }
        if (!request.fromLoopback()) {
            return json(403, error("table operations are accepted only from the engine's own host (loopback); "
                    + "you are " + request.remote().getAddress().getHostAddress()));
        }
        String table = parts[2];
        LOG.info("{} {} requested from {}", method, path, request.remote());
        if (parts[3].equals("backfill")) {
            return backfills == null ? json(503, error("cdc-engine is starting; try again in a few seconds"))
                    : backfill(backfills, table);
        }
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
                return json(200, body);
            }
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
            return json(200, body);
        } catch (TableOperationException e) {
            LOG.warn("{} {} failed: {}", method, path, e.getMessage());
            return json(e.status(), error(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return json(503, error("cdc-engine is stopping"));
        } catch (RuntimeException e) {
            LOG.warn("{} {} failed", method, path, e);
            return json(500, error(method + " " + path + " failed: " + e));
        }
    }

    private static StageResponse backfill(TableBackfill backfills, String table) throws JsonProcessingException {
        try {
            BackfillRequest r = backfills.backfill(table);
            ObjectNode body = JSON.createObjectNode();
            body.put("table", r.table());
            body.put("signal", r.id());
            body.put("message", "Backfill of " + r.table() + " started (signal " + r.id() + "): an incremental "
                    + "snapshot re-reads the table in primary-key chunks while streaming goes on; each row arrives as "
                    + "an r event. Progress and the end are in cdc-engine's log (Incremental snapshot ...).");
            return json(200, body);
        } catch (TableBackfill.BackfillException e) {
            LOG.warn("POST /tables/{}/backfill failed: {}", table, e.getMessage());
            return json(e.status(), error(e.getMessage()));
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

    private static StageResponse json(int status, ObjectNode body) throws JsonProcessingException {
        return StageResponse.json(status, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(body));
    }

    @Override
    public void close() {
        server.close();
    }
}
