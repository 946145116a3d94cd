package io.tributary.scheduler.config;

import static io.tributary.configuration.SettingDefinition.define;

import io.tributary.configuration.Check;
import io.tributary.configuration.DefinedSetting;
import io.tributary.configuration.SettingCatalog;
import io.tributary.configuration.SettingDefinition;
import io.tributary.configuration.ValueType;
import io.tributary.contracts.stage.StageEnvironment;
import io.tributary.scheduler.job.ScheduledJob;
import java.time.DateTimeException;
import java.time.ZoneId;

/**
 * Every setting of the scheduler ({@code TRIBUTARY_SCHEDULER_*}, and the PostgreSQL address it shares with the other
 * stages), with default and meaning. {@code scheduler settings}, {@code --help} and docs/scheduler.md list these.
 */
public enum SchedulerSetting implements DefinedSetting {
    PG_HOST(define(StageEnvironment.Stack.PG_HOST, ValueType.text()).defaultValue("127.0.0.1").doc("PostgreSQL host.")),
    PG_PORT(define(StageEnvironment.Stack.PG_PORT, ValueType.integer()).defaultValue("15432").check(Check.between(1, 65_535))
            .doc("PostgreSQL port.")),
    PG_DATABASE(define(StageEnvironment.Stack.PG_DATABASE, ValueType.text()).defaultValue("tributary")
            .doc("Database holding schema scheduler.")),
    USER(define(StageEnvironment.Scheduler.USER, ValueType.text()).defaultValue("tributary_scheduler")
            .doc("The scheduler's role: owns schema scheduler (init-db/05-scheduler-role.sql), nothing else.")),
    PASSWORD(define(StageEnvironment.Scheduler.PASSWORD, ValueType.text()).secret("password")
            .doc("Password of that role (or TRIBUTARY_SCHEDULER_PASSWORD_FILE).")),
    ZONE(define("TRIBUTARY_SCHEDULER_ZONE", zone()).defaultValue("UTC")
            .doc("Time zone of the cron schedules and of 'the day just ended' a scheduled daily job works on.")),
    DAILY_SALES_CRON(cron(ScheduledJob.DAILY_SALES)),
    VALIDATE_CRON(cron(ScheduledJob.VALIDATE)),
    MAINTAIN_CRON(cron(ScheduledJob.MAINTAIN)),
    DATA_DIR(define(StageEnvironment.Scheduler.DATA_DIR, ValueType.text()).defaultValue("data/scheduler")
            .doc("The jobs' logs (logs/<job>.log) and scratch directories.")),
    METRICS_HOST(define("TRIBUTARY_SCHEDULER_METRICS_HOST", ValueType.text()).defaultValue("127.0.0.1")
            .doc("Bind address of /metrics and /health: 127.0.0.1, or 0.0.0.0 inside a container.")),
    METRICS_PORT(define(StageEnvironment.Scheduler.METRICS_PORT, ValueType.integer()).defaultValue("18085")
            .check(Check.between(0, 65_535)).doc("Port of /metrics and /health (0: off).")),
    INSTANCE_ID(define("TRIBUTARY_SCHEDULER_INSTANCE_ID", ValueType.text()).defaultValue("AUTO")
            .doc("This scheduler's name in the cluster; AUTO: host name and start time. Each running scheduler needs"
                    + " its own.")),
    THREADS(define("TRIBUTARY_SCHEDULER_THREADS", ValueType.integer()).defaultValue("2").check(Check.between(1, 16))
            .doc("Jobs this process runs at once (one run per job at a time, whatever this says).")),
    POLL_INTERVAL(define("TRIBUTARY_SCHEDULER_POLL_INTERVAL", ValueType.duration()).defaultValue("5s")
            .check(Check.atLeast(java.time.Duration.ofSeconds(1)))
            .doc("How often an idle scheduler looks in the store for runs requested by other processes"
                    + " (`schedule run`): the longest wait before such a run starts.")),
    CHECKIN_INTERVAL(define("TRIBUTARY_SCHEDULER_CHECKIN_INTERVAL", ValueType.duration()).defaultValue("7500ms")
            .check(Check.atLeast(java.time.Duration.ofMillis(500)))
            .doc("How often each scheduler tells the store it is alive; the runs of one that stopped telling are taken"
                    + " over by another.")),
    MISFIRE_THRESHOLD(define("TRIBUTARY_SCHEDULER_MISFIRE_THRESHOLD", ValueType.duration()).defaultValue("60s")
            .check(Check.atLeast(java.time.Duration.ofMillis(500)))
            .doc("A run later than this after its time was missed (the scheduler was down): it runs once, now.")),
    JOB_MAIN(define("TRIBUTARY_SCHEDULER_JOB_MAIN", ValueType.text()).defaultValue("io.tributary.lakehouse.LakehouseJobMain")
            .check(Check.notBlank()).doc("Main class of the jobs' processes.")),
    JOB_CLASSPATH(define("TRIBUTARY_SCHEDULER_JOB_CLASSPATH", ValueType.text()).defaultValue("")
            .doc("Classpath of the jobs' processes (empty: module lakehouse-job of the source tree, TRIBUTARY_HOME);"
                    + " the PostgreSQL driver is added.")),
    JOB_JVM_OPTIONS(define("TRIBUTARY_SCHEDULER_JOB_JVM_OPTIONS", ValueType.text()).defaultValue("-Xmx1g")
            .doc("JVM options of the jobs' processes, separated by blanks (Spark's Java 17 options are added).")),
    JOB_TIMEOUT(define("TRIBUTARY_SCHEDULER_JOB_TIMEOUT", ValueType.duration()).defaultValue("2h").check(Check.positive())
            .doc("A run still going after this is stopped and recorded as timed out."));

    /** Every setting; {@code TRIBUTARY_SCHEDULER_*} variables must be among them. */
    public static final SettingCatalog CATALOG = SettingCatalog.of("TRIBUTARY_SCHEDULER_", DefinedSetting.definitions(values()));

    private final SettingDefinition<?> definition;

    SchedulerSetting(SettingDefinition.Builder<?> definition) {
        this.definition = definition.build();
    }

    @Override
    public SettingDefinition<?> definition() {
        return definition;
    }

    /** The environment variable holding the schedule of {@code job}: {@code TRIBUTARY_SCHEDULER_DAILY_SALES_CRON}. */
    public static String cronVariable(ScheduledJob job) {
        return "TRIBUTARY_SCHEDULER_" + job.name() + "_CRON";
    }

    static SchedulerSetting cronOf(ScheduledJob job) {
        return valueOf(job.name() + "_CRON");
    }

    private static SettingDefinition.Builder<String> cron(ScheduledJob job) {
        return define(cronVariable(job), CronSyntax.type()).defaultValue(job.defaultCron()).emptyMeansUnset()
                .doc("When " + job.id() + " runs (" + job.description() + "): a Quartz cron expression in"
                        + " TRIBUTARY_SCHEDULER_ZONE; empty: not on a schedule (`schedule run` still runs it).");
    }

    private static ValueType<ZoneId> zone() {
        return text -> {
            try {
                return ZoneId.of(text.trim());
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("is not a time zone: write UTC or a region such as Europe/Berlin");
            }
        };
    }
}
