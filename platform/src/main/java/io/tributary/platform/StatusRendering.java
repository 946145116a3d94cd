package io.tributary.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.stack.ServiceStatus;
import io.tributary.stack.Supervision;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Renders {@code tributary status} as an aligned table or as JSON (the same facts, machine-readable). */
final class StatusRendering {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private StatusRendering() {
    }

    static String table(List<ServiceStatus> statuses) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"SERVICE", "STATE", "RESTARTS", "PID", "ENDPOINT", "DATA"});
        for (ServiceStatus s : statuses) {
            rows.add(new String[] {s.name(), s.state().name().toLowerCase(Locale.ROOT) + (s.supervision().paused() ? " (paused)" : ""),
                    Integer.toString(s.supervision().restarts()),
                    s.pid() == null ? "-" : Long.toString(s.pid()), s.endpoint().isEmpty() ? "-" : s.endpoint(),
                    ByteSize.human(s.dataBytes())});
        }
        return TextTable.render(rows, "");
    }

    static String json(Path dataDir, List<ServiceStatus> statuses) {
        return json(dataDir, statuses, null);
    }

    static String json(Path dataDir, List<ServiceStatus> statuses, Long supervisorPid) {
        return json(dataDir, statuses, supervisorPid, List.of());
    }

    /**
     * {@code supervisorPid}: the {@code tributary supervise} daemon of the data dir, null when none runs;
     * {@code parked}: the tables the stages report as parked ({@code parkedTables}: stage, table, reason, since, fix).
     */
    static String json(Path dataDir, List<ServiceStatus> statuses, Long supervisorPid, List<ParkedTable> parked) {
        return json(dataDir, statuses, supervisorPid, parked, List.of());
    }

    /** As above, with {@code tableProblems}: the captured tables cdc-engine reports a problem of (table, problem, message, fix). */
    static String json(Path dataDir, List<ServiceStatus> statuses, Long supervisorPid, List<ParkedTable> parked,
            List<CapturedTableProblem> problems) {
        return json(dataDir, statuses, supervisorPid, parked, problems, null);
    }

    /** As above, with {@code kafka}: the brokers and partition leaders of a Kafka cluster of several nodes (null: one node). */
    static String json(Path dataDir, List<ServiceStatus> statuses, Long supervisorPid, List<ParkedTable> parked,
            List<CapturedTableProblem> problems, KafkaClusterStatus kafka) {
        ObjectNode root = JSON.createObjectNode();
        root.put("dataDir", dataDir.toString());
        root.put("healthy", statuses.stream().allMatch(ServiceStatus::ok));
        if (supervisorPid == null) {
            root.putNull("supervisorPid");
        } else {
            root.put("supervisorPid", supervisorPid);
        }
        ArrayNode services = root.putArray("services");
        for (ServiceStatus s : statuses) {
            ObjectNode node = services.addObject();
            node.put("name", s.name());
            node.put("state", s.state().name().toLowerCase(Locale.ROOT));
            if (s.pid() == null) {
                node.putNull("pid");
            } else {
                node.put("pid", s.pid());
            }
            node.put("endpoint", s.endpoint());
            node.put("dataBytes", s.dataBytes());
            node.put("detail", s.detail());
            Supervision sup = s.supervision();
            node.put("restarts", sup.restarts());
            if (sup.lastExitCode() == null) {
                node.putNull("lastExitCode");
            } else {
                node.put("lastExitCode", sup.lastExitCode());
            }
            node.put("lastRestartAt", sup.lastRestartAt());
            node.put("paused", sup.paused());
            node.put("failure", sup.failure());
        }
        ArrayNode parkedTables = root.putArray("parkedTables");
        for (ParkedTable p : parked) {
            ObjectNode node = parkedTables.addObject();
            node.put("stage", p.stage());
            node.put("table", p.table());
            node.put("reason", p.reason());
            if (p.since().isEmpty()) {
                node.putNull("sinceBatch");
            } else {
                node.put("sinceBatch", p.since());
            }
            node.put("fix", p.fix());
        }
        ArrayNode tableProblems = root.putArray("tableProblems");
        for (CapturedTableProblem p : problems) {
            ObjectNode node = tableProblems.addObject();
            node.put("table", p.table());
            node.put("problem", p.problem().label());
            node.put("message", p.message());
            node.put("fix", p.fix());
        }
        if (kafka != null) {
            kafka.json(root);
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot render status as JSON", e);
        }
    }
}
