package io.tributary.lakehouse.reconcile;

import io.tributary.contracts.wal.Lsn;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits until the lake has applied everything up to a PostgreSQL LSN, in two steps that each rely only on durable
 * state: (1) the replication slot's {@code confirmed_flush_lsn} reaches the LSN, so cdc-engine has every change up to
 * it acknowledged by Kafka (it confirms only what Kafka acknowledged); (2) the end offsets of the CDC topics, taken
 * after step 1, are all covered by the last committed batch of the job's streaming checkpoint.
 */
public final class LakeCatchUp {
    private static final Logger LOG = LoggerFactory.getLogger(LakeCatchUp.class);
    private static final long POLL_MILLIS = 500;

    private final PostgresSource postgres;
    private final String kafkaBootstrap;
    private final Pattern topicPattern;
    private final String checkpoint;
    private final Configuration hadoop;

    public LakeCatchUp(PostgresSource postgres, String kafkaBootstrap, Pattern topicPattern, String checkpoint,
            Configuration hadoop) {
        this.postgres = postgres;
        this.kafkaBootstrap = kafkaBootstrap;
        this.topicPattern = topicPattern;
        this.checkpoint = checkpoint;
        this.hadoop = hadoop;
    }

    public record Outcome(boolean caughtUp, String detail) {
    }

    /**
     * Waits while there is progress: {@code stall} is how long either step may go without the slot or the job's
     * checkpoint moving forward before the wait gives up (a busy job working through a large backlog is not a timeout).
     */
    public Outcome await(long lsn, Duration stall) throws Exception {
        long lastProgress = System.nanoTime();
        String slotState;
        Long lastConfirmed = null;
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password())) {
            while (true) {
                Long confirmed = confirmedFlushLsn(c);
                slotState = confirmed == null ? "slot " + postgres.slot() + " does not exist (is cdc-engine running?)"
                        : "slot " + postgres.slot() + " confirmed " + Lsn.format(confirmed) + " of " + Lsn.format(lsn);
                if (confirmed != null && confirmed >= lsn) {
                    break;
                }
                if (confirmed != null && !confirmed.equals(lastConfirmed)) {
                    lastConfirmed = confirmed;
                    lastProgress = System.nanoTime();
                }
                if (System.nanoTime() - lastProgress > stall.toNanos()) {
                    return new Outcome(false, "timed out: no progress for " + stall.toSeconds() + " s waiting for"
                            + " cdc-engine: " + slotState);
                }
                Thread.sleep(POLL_MILLIS);
            }
        }
        LOG.info("cdc-engine has everything up to {} ({})", Lsn.format(lsn), slotState);
        Map<String, Long> end = endOffsets(stall);
        lastProgress = System.nanoTime();
        Map<String, Long> lastCommitted = null;
        while (true) {
            Map<String, Long> committed = committedOffsets();
            List<String> behind = CheckpointOffsets.behind(end, committed);
            if (behind.isEmpty()) {
                LOG.info("the lakehouse job has consumed every CDC topic up to its end offsets {}", end);
                return new Outcome(true, slotState + "; job checkpoint covers the end offsets of " + end.size()
                        + " partitions");
            }
            if (!committed.equals(lastCommitted)) {
                if (lastCommitted != null) {
                    LOG.info("the lakehouse job is catching up; partitions consumed/end: {}", behind);
                }
                lastCommitted = committed;
                lastProgress = System.nanoTime();
            }
            if (System.nanoTime() - lastProgress > stall.toNanos()) {
                return new Outcome(false, "timed out: no committed batch for " + stall.toSeconds() + " s waiting for the"
                        + " lakehouse job (checkpoint " + checkpoint + "); partitions consumed/end: " + String.join(", ", behind));
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    private Long confirmedFlushLsn(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT confirmed_flush_lsn::text FROM pg_replication_slots WHERE slot_name = ?")) {
            ps.setString(1, postgres.slot());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getString(1) == null) {
                    return null;
                }
                return Lsn.parse(rs.getString(1));
            }
        }
    }

    /** {@code topic#partition} -> end offset of every CDC topic. */
    private Map<String, Long> endOffsets(Duration timeout) throws ExecutionException, InterruptedException, TimeoutException {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        try (Admin admin = Admin.create(p)) {
            long ms = timeout.toMillis();
            Set<String> topics = admin.listTopics().names().get(ms, TimeUnit.MILLISECONDS).stream()
                    .filter(t -> topicPattern.matcher(t).matches()).collect(Collectors.toSet());
            if (topics.isEmpty()) {
                return Map.of();
            }
            Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames()
                    .get(ms, TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            descriptions.values().forEach(d -> d.partitions().forEach(
                    p2 -> request.put(new TopicPartition(d.name(), p2.partition()), OffsetSpec.latest())));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets = admin.listOffsets(request).all()
                    .get(ms, TimeUnit.MILLISECONDS);
            Map<String, Long> result = new HashMap<>();
            offsets.forEach((tp, info) -> result.put(tp.topic() + "#" + tp.partition(), info.offset()));
            return result;
        }
    }

    /** The offsets read by the last batch with a commit marker; empty when the job has committed nothing yet. */
    private Map<String, Long> committedOffsets() throws IOException {
        Path commits = new Path(checkpoint, "commits");
        FileSystem fs = commits.getFileSystem(hadoop);
        if (!fs.exists(commits)) {
            return Map.of();
        }
        long last = -1;
        for (FileStatus s : fs.listStatus(commits)) {
            String name = s.getPath().getName();
            if (name.matches("\\d+")) {
                last = Math.max(last, Long.parseLong(name));
            }
        }
        if (last < 0) {
            return Map.of();
        }
        Path offsets = new Path(new Path(checkpoint, "offsets"), Long.toString(last));
        try (FSDataInputStream in = fs.open(offsets)) {
            return CheckpointOffsets.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), offsets.toString());
        }
    }
}
