package io.tributary.scheduler.store;

import io.tributary.configuration.PostgresConnectionSettings;
import io.tributary.scheduler.config.SchedulerConfig;
import java.time.Duration;
import java.util.Properties;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/**
 * Quartz on its JDBC job store in PostgreSQL: JobStoreTX with the PostgreSQL delegate, tables {@code scheduler.qrtz_*},
 * clustered (the store's row locks decide which scheduler fires a trigger, so no job runs twice, and a scheduler takes
 * over the runs of one that stopped checking in), job data as text only.
 */
public final class QuartzStore {
    /** Every scheduler of one platform shares this name: it is their cluster. */
    public static final String SCHEDULER_NAME = "tributary";
    static final String DATA_SOURCE = "tributary";

    private QuartzStore() {
    }

    /**
     * The properties of a scheduler on the store. {@code threads} 0 makes a client that never runs a job (the CLI:
     * it only adds requests to the store).
     */
    static Properties properties(String instanceId, int threads, Duration pollInterval, Duration checkinInterval,
            Duration misfireThreshold) {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", SCHEDULER_NAME);
        p.setProperty("org.quartz.scheduler.instanceId", instanceId);
        p.setProperty("org.quartz.scheduler.idleWaitTime", Long.toString(pollInterval.toMillis()));
        p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(Math.max(1, threads)));
        p.setProperty("org.quartz.threadPool.threadNamePrefix", "scheduler-job");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        p.setProperty("org.quartz.jobStore.dataSource", DATA_SOURCE);
        p.setProperty("org.quartz.jobStore.tablePrefix", "scheduler.qrtz_");
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", Long.toString(checkinInterval.toMillis()));
        p.setProperty("org.quartz.jobStore.misfireThreshold", Long.toString(misfireThreshold.toMillis()));
        p.setProperty("org.quartz.jobStore.useProperties", "true");
        p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        return p;
    }

    /** A scheduler node of the cluster (not started yet): it runs jobs once started. */
    public static Scheduler node(SchedulerConfig config) throws SchedulerException {
        return create(config.login(), properties(config.instanceId(), config.threads(), config.pollInterval(),
                config.checkinInterval(), config.misfireThreshold()));
    }

    /** A scheduler never started: reads the store and adds requests to it for the running nodes. */
    public static Scheduler client(SchedulerConfig config) throws SchedulerException {
        return create(config.login(), properties("AUTO", 1, config.pollInterval(), config.checkinInterval(),
                config.misfireThreshold()));
    }

    private static Scheduler create(PostgresConnectionSettings login, Properties properties) throws SchedulerException {
        DBConnectionManager.getInstance().addConnectionProvider(DATA_SOURCE, new Connections(login));
        return new StdSchedulerFactory(properties).getScheduler();
    }

    /** A new connection per transaction: the store's traffic is a few small transactions a second at most. */
    private record Connections(PostgresConnectionSettings login) implements ConnectionProvider {
        @Override
        public java.sql.Connection getConnection() throws java.sql.SQLException {
            return login.connect(SchedulerConfig.APPLICATION_NAME);
        }

        @Override
        public void shutdown() {
        }

        @Override
        public void initialize() {
        }
    }
}
