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

    /** Runs jobs through this store: waits {@code startTimeout} for a scheduler to take a request, then up to the run's timeout. */
    RunWaiter waiter(java.time.Duration startTimeout) {
        return new RunWaiter(client, runs, startTimeout, config.jobTimeout().plus(startTimeout));
    }

    @Override
    public void close() throws SchedulerException {
        client.shutdown(false);
    }
}
