package io.tributary.scheduler.config;

import io.tributary.configuration.PostgresConnectionSettings;
import io.tributary.configuration.SettingSource;
import io.tributary.configuration.SettingValues;
import io.tributary.scheduler.job.ScheduledJob;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The scheduler's configuration, parsed once from the environment with every problem reported at once
 * ({@link io.tributary.configuration.ConfigException}). Never shows the password.
 *
 * @param schedule     the cron expression of each job that runs on a schedule (a job without one runs on request only)
 * @param jobClasspath empty: lakehouse-job's classes of the source tree
 */
public record SchedulerConfig(PostgresConnectionSettings login, ZoneId zone, Map<ScheduledJob, String> schedule, Path dataDir,
        String metricsHost, int metricsPort, String instanceId, int threads, Duration pollInterval,
        Duration checkinInterval, Duration misfireThreshold, String jobMain, String jobClasspath,
        List<String> jobJvmOptions, Duration jobTimeout) {
    /** What {@code pg_stat_activity} shows for the scheduler's connections. */
    public static final String APPLICATION_NAME = "tributary-scheduler";

    public SchedulerConfig {
        schedule = Map.copyOf(schedule);
        jobJvmOptions = List.copyOf(jobJvmOptions);
    }

    public static SchedulerConfig fromEnvironment(Map<String, String> environment) {
        SettingValues v = SchedulerSetting.CATALOG.parse(List.of(SettingSource.environment(environment)));
        v.throwIfInvalid();
        Map<ScheduledJob, String> schedule = new EnumMap<>(ScheduledJob.class);
        for (ScheduledJob job : ScheduledJob.values()) {
            Optional.ofNullable(text(v, SchedulerSetting.cronOf(job))).ifPresent(cron -> schedule.put(job, cron));
        }
        String jvm = text(v, SchedulerSetting.JOB_JVM_OPTIONS);
        return new SchedulerConfig(
                new PostgresConnectionSettings(text(v, SchedulerSetting.PG_HOST),
                        v.get(SchedulerSetting.PG_PORT.definition(), Integer.class),
                        text(v, SchedulerSetting.PG_DATABASE), text(v, SchedulerSetting.USER),
                        text(v, SchedulerSetting.PASSWORD)),
                v.get(SchedulerSetting.ZONE.definition(), ZoneId.class), schedule,
                Path.of(text(v, SchedulerSetting.DATA_DIR)).toAbsolutePath(), text(v, SchedulerSetting.METRICS_HOST),
                v.get(SchedulerSetting.METRICS_PORT.definition(), Integer.class), text(v, SchedulerSetting.INSTANCE_ID),
                v.get(SchedulerSetting.THREADS.definition(), Integer.class), duration(v, SchedulerSetting.POLL_INTERVAL),
                duration(v, SchedulerSetting.CHECKIN_INTERVAL), duration(v, SchedulerSetting.MISFIRE_THRESHOLD),
                text(v, SchedulerSetting.JOB_MAIN), Optional.ofNullable(text(v, SchedulerSetting.JOB_CLASSPATH)).orElse(""),
                jvm == null || jvm.isBlank() ? List.of() : Arrays.asList(jvm.trim().split("\\s+")),
                duration(v, SchedulerSetting.JOB_TIMEOUT));
    }

    /** The cron expression of {@code job}, empty when it runs on request only. */
    public Optional<String> cronOf(ScheduledJob job) {
        return Optional.ofNullable(schedule.get(job));
    }

    private static String text(SettingValues v, SchedulerSetting s) {
        return v.get(s.definition(), String.class);
    }

    private static Duration duration(SettingValues v, SchedulerSetting s) {
        return v.get(s.definition(), Duration.class);
    }
}
