package io.tributary.scheduler.store;

import io.tributary.scheduler.job.ChildProcessJob;
import io.tributary.scheduler.job.RunRequest;
import io.tributary.scheduler.job.ScheduledJob;
import java.time.ZoneId;
import java.util.Map;
import java.util.TimeZone;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jobs and their schedules in Quartz's store: one durable job per {@link ScheduledJob} (group {@code tributary}),
 * one cron trigger for each that runs on a schedule (a missed time fires once as soon as a scheduler runs again:
 * MISFIRE_INSTRUCTION_FIRE_ONCE_NOW), and a one-off trigger per request of {@code schedule run} or a backfill day.
 */
public final class StoredSchedule {
    private static final Logger LOG = LoggerFactory.getLogger(StoredSchedule.class);
    static final String GROUP = "tributary";
    static final String REQUESTS = "requests";

    private StoredSchedule() {
    }

    public static JobKey jobKey(ScheduledJob job) {
        return JobKey.jobKey(job.id(), GROUP);
    }

    public static TriggerKey scheduleKey(ScheduledJob job) {
        return TriggerKey.triggerKey(job.id() + "-schedule", GROUP);
    }

    public static TriggerKey requestKey(RunRequest request) {
        return TriggerKey.triggerKey(request.id(), REQUESTS);
    }

    /** Makes the store's jobs and schedules what {@code schedule} says (in {@code zone}); logs each change. */
    public static void apply(Scheduler scheduler, Map<ScheduledJob, String> schedule, ZoneId zone) throws SchedulerException {
        for (ScheduledJob job : ScheduledJob.values()) {
            if (!scheduler.checkExists(jobKey(job))) {
                try {
                    scheduler.addJob(JobBuilder.newJob(ChildProcessJob.class).withIdentity(jobKey(job))
                            .withDescription(job.description()).storeDurably().requestRecovery(true).build(), false);
                } catch (ObjectAlreadyExistsException raced) {
                    LOG.debug("{} was added by another scheduler meanwhile", job.id());
                }
            }
            Trigger stored = scheduler.getTrigger(scheduleKey(job));
            String storedCron = stored instanceof CronTrigger c ? c.getCronExpression() : null;
            String storedZone = stored instanceof CronTrigger c ? c.getTimeZone().getID() : null;
            String wanted = schedule.get(job);
            ScheduleChange change = ScheduleChange.decide(storedCron, storedZone, wanted, zone.getId());
            switch (change) {
                case KEEP -> LOG.info("{} keeps its schedule '{}' ({}); next run {}", job.id(), wanted, zone,
                        stored.getNextFireTime() == null ? "none" : stored.getNextFireTime().toInstant());
                case ADD, REPLACE -> {
                    Trigger trigger = TriggerBuilder.newTrigger().withIdentity(scheduleKey(job)).forJob(jobKey(job))
                            .withSchedule(CronScheduleBuilder.cronSchedule(wanted).inTimeZone(TimeZone.getTimeZone(zone))
                                    .withMisfireHandlingInstructionFireAndProceed())
                            .build();
                    if (change == ScheduleChange.ADD) {
                        try {
                            scheduler.scheduleJob(trigger);
                        } catch (ObjectAlreadyExistsException raced) {
                            scheduler.rescheduleJob(scheduleKey(job), trigger);
                        }
                    } else {
                        scheduler.rescheduleJob(scheduleKey(job), trigger);
                    }
                    LOG.info("{} {} schedule '{}' ({}); next run {}", job.id(), change == ScheduleChange.ADD ? "gets the"
                            : "changes from '" + storedCron + "' (" + storedZone + ") to the", wanted, zone,
                            trigger.getNextFireTime() == null ? "none" : trigger.getNextFireTime().toInstant());
                }
                case REMOVE -> {
                    scheduler.unscheduleJob(scheduleKey(job));
                    LOG.info("{} is no longer on a schedule (was '{}'); `schedule run` still runs it", job.id(), storedCron);
                }
                case NONE -> LOG.info("{} runs on request only", job.id());
            }
        }
    }

    /** Adds a request to the store: the next scheduler to look runs it once. */
    public static void request(Scheduler scheduler, ScheduledJob job, RunRequest request) throws SchedulerException {
        if (!scheduler.checkExists(jobKey(job))) {
            throw new IllegalStateException(job.id() + " is not in the scheduler's store yet: it is added when a scheduler"
                    + " starts (`tributary up` starts one; `tributary status` shows it)");
        }
        scheduler.scheduleJob(TriggerBuilder.newTrigger().withIdentity(requestKey(request)).forJob(jobKey(job))
                .usingJobData(new JobDataMap(request.data())).startNow()
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow()).build());
    }

    /** Takes a request back if no scheduler has fired it yet; true when it was still waiting. */
    public static boolean withdraw(Scheduler scheduler, RunRequest request) throws SchedulerException {
        return scheduler.unscheduleJob(requestKey(request));
    }
}
