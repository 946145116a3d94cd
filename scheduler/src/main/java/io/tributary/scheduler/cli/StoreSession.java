package io.tributary.scheduler.cli;

import io.tributary.scheduler.config.SchedulerConfig;
import io.tributary.scheduler.store.JobRunStore;
import io.tributary.scheduler.store.QuartzStore;
import io.tributary.scheduler.store.SchedulerSchema;
import java.util.Map;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;

/**
 * What the commands {@code list}, {@code run} and {@code backfill} work with: the configuration from the environment,
 * the run history and a Quartz client of the store (never started: it runs nothing itself).
 */
final class StoreSession implements AutoCloseable {
    final SchedulerConfig config;
    final JobRunStore runs;
    final Scheduler client;

    private StoreSession(SchedulerConfig config, Scheduler client) {
        this.config = config;
        this.runs = new JobRunStore(config.login());
        this.client = client;
    }

    static StoreSession open(Map<String, String> environment) throws SchedulerException {
        SchedulerConfig config = SchedulerConfig.fromEnvironment(environment);
        SchedulerSchema.apply(config.login());
        return new StoreSession(config, QuartzStore.client(config));
    }

    @Override
    public void close() throws SchedulerException {
        client.shutdown(false);
    }
}
