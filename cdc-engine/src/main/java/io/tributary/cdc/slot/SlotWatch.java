package io.tributary.cdc.slot;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.tributary.cdc.pipeline.EngineStopException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the replication slot against the stored offsets (at start and on a schedule while streaming) and stops the
 * engine with {@link SlotVerdict}'s message when the slot was dropped or invalidated; at start it warns of a slot
 * ahead of the stored offsets. A failed read (
 * PostgreSQL away) is left to the PostgreSQL watch and tried again at the next tick.
 */
public final class SlotWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SlotWatch.class);

    private final SlotInspector inspector;
    private final Path offsetsFile;
    private final Consumer<Throwable> stop;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "slot-watch");
        t.setDaemon(true);
        return t;
    });

    public SlotWatch(SlotInspector inspector, Path offsetsFile, Consumer<Throwable> stop) {
        this.inspector = inspector;
        this.offsetsFile = offsetsFile;
        this.stop = stop;
    }

    /** The slot's problem now, if any; throws when the slot or the offsets file cannot be read. */
    public Optional<String> problem() throws Exception {
        return SlotVerdict.judge(inspector.slot(), inspector.read(), StoredPosition.read(offsetsFile), offsetsFile);
    }

    /**
     * At start, before Debezium could create a new slot: stops the start with the problem, or warns of a slot ahead of
     * the stored offsets (slot and file read once, for both verdicts).
     */
    public void checkAtStart() throws Exception {
        Optional<SlotRow> row = inspector.read();
        OptionalLong stored = StoredPosition.read(offsetsFile);
        Optional<String> problem = SlotVerdict.judge(inspector.slot(), row, stored, offsetsFile);
        if (problem.isPresent()) {
            throw new EngineStopException(problem.get(), null);
        }
        Optional<String> ahead = SlotVerdict.aheadWarning(inspector.slot(), row, stored);
        if (ahead.isPresent()) {
            LOG.warn("{}", ahead.get());
        } else {
            LOG.info("Replication slot {} matches the stored offsets (or this is a first start)", inspector.slot());
        }
    }

    public void start(Duration interval) {
        scheduler.scheduleWithFixedDelay(this::checkOnce, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void checkOnce() {
        try {
            problem().ifPresent(p -> {
                stop.accept(new EngineStopException(p, null));
                scheduler.shutdown();
            });
        } catch (Exception e) {
            LOG.debug("Cannot check replication slot {}: {}", inspector.slot(), e.getMessage());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
