package io.tributary.platform;

import io.tributary.contracts.prometheus.PrometheusText;
import io.tributary.stack.LocalStack;
import io.tributary.stack.PostgresEndpoint;
import io.tributary.stack.StackException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The steps the park-and-resume faults share: waiting while the live line goes on, running statements as the shop's
 * application role, POSTing to a stage until it answers, and watching the lake's progress on the shop's tables.
 */
final class ChaosSteps {
    private static final Duration ENDPOINT_TIMEOUT = Duration.ofMinutes(2);
    /** How long the lake may take for one batch of the shop's tables (a restart of the job included). */
    static final Duration LAKE_ADVANCE_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration PARKED_POLL = Duration.ofMillis(250);

    private final LocalStack stack;
    private final PipelinePorts ports;
    private final MetricsScraper scraper;
    private final Runnable sample;
    private long sampledAt = System.nanoTime();

    /** @param sample called about once a second while waiting (the chaos live line) */
    ChaosSteps(LocalStack stack, PipelinePorts ports, MetricsScraper scraper, Runnable sample) {
        this.stack = stack;
        this.ports = ports;
        this.scraper = scraper;
        this.sample = sample;
    }

    LocalStack stack() {
        return stack;
    }

    PipelinePorts ports() {
        return ports;
    }

    MetricsScraper scraper() {
        return scraper;
    }

    /** Runs the statements in order as the application role (the owner of the shop's tables). */
    void execute(List<String> statements) {
        PostgresEndpoint pg = stack.postgres();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.appUser(), pg.appPassword()); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new StackException("Chaos could not run " + statements + " on " + pg.jdbcUrl() + ": " + e.getMessage(), e);
        }
    }

    /** POSTs until the stage answers with something else than "not running" or 503, within two minutes. */
    StageEndpoint.Answer postUntilAnswered(String stage, int port, String path) {
        long deadline = System.nanoTime() + ENDPOINT_TIMEOUT.toNanos();
        StageEndpoint endpoint = new StageEndpoint(stage, port);
        while (true) {
            Optional<StageEndpoint.Answer> answer;
            try {
                answer = endpoint.post(path);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackException("Interrupted", e);
            }
            if (answer.isPresent() && answer.get().status() != 503) {
                return answer.get();
            }
            if (System.nanoTime() > deadline) {
                return answer.orElse(new StageEndpoint.Answer(503, stage + " did not answer POST " + path + " within "
                        + DurationText.format(ENDPOINT_TIMEOUT)));
            }
            pause(Duration.ofSeconds(2));
        }
    }

    /** {@code table} as {@code stage} reports it parked on its /metrics; empty when not parked or not answering. */
    Optional<ParkedTable> parked(String stage, int port, String table) {
        return scraper.scrape(port).flatMap(m -> ParkedTable.of(stage, m).stream().filter(p -> p.table().equals(table)).findFirst());
    }

    /** Waits until {@code stage} reports {@code table} parked; empty when it did not within {@code timeout}. */
    Optional<ParkedTable> awaitParked(String stage, int port, String table, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ParkedTable> parked = parked(stage, port, table);
            if (parked.isPresent()) {
                return parked;
            }
            pause(PARKED_POLL);
        }
        return Optional.empty();
    }

    /** Waits until {@code stage} answers without {@code table} among its parked tables; false after {@code timeout}. */
    boolean awaitUnparked(String stage, int port, String table, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<PrometheusText> m = scraper.scrape(port);
            if (m.isPresent() && ParkedTable.of(stage, m.get()).stream().noneMatch(p -> p.table().equals(table))) {
                return true;
            }
            pause(PARKED_POLL);
        }
        return false;
    }

    /** The lakehouse job's progress now; empty while it does not answer. */
    Optional<ChaosLakeProgress> lakeProgress() {
        return scraper.scrape(ports.lakehouseJob()).map(ChaosLakeProgress::of);
    }

    /**
     * Waits for the next batch that merges rows into the shop's tables after {@code from} (the lake's progress now when
     * empty), polling every half second so that its end is seen right after the commit; empty when none came within
     * {@link #LAKE_ADVANCE_TIMEOUT}.
     */
    Optional<ChaosLakeProgress.Batch> nextLakeBatch(Optional<ChaosLakeProgress> from) {
        ChaosLakeProgress start = from.or(this::lakeProgress).orElse(ChaosLakeProgress.NOTHING);
        long deadline = System.nanoTime() + LAKE_ADVANCE_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ChaosLakeProgress> now = lakeProgress();
            if (now.isPresent() && now.get().mergedSince(start, ChaosLakeProgress.SHOP_TABLES) > 0) {
                return Optional.of(new ChaosLakeProgress.Batch(start, now.get()));
            }
            pause(Duration.ofMillis(500));
        }
        return Optional.empty();
    }

    /** Sleeps {@code d}, calling the sampler at most once a second (the live line, the simulator's counter). */
    void pause(Duration d) {
        long end = System.nanoTime() + d.toNanos();
        while (System.nanoTime() < end) {
            try {
                Thread.sleep(Math.max(1, Math.min(1000, (end - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackException("Interrupted", e);
            }
            if (System.nanoTime() - sampledAt >= 1_000_000_000L) {
                sampledAt = System.nanoTime();
                sample.run();
            }
        }
    }
}
