package io.tributary.scheduler.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.configuration.ConfigException;
import io.tributary.scheduler.job.ScheduledJob;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchedulerConfigTest {
    private static final Map<String, String> PASSWORD = Map.of("TRIBUTARY_SCHEDULER_PASSWORD", "s3cret");

    private static Map<String, String> with(String... pairs) {
        Map<String, String> env = new HashMap<>(PASSWORD);
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void defaultsScheduleEveryJobDailyInUtc() {
        SchedulerConfig c = SchedulerConfig.fromEnvironment(PASSWORD);
        assertThat(c.schedule()).containsExactlyInAnyOrderEntriesOf(Map.of(ScheduledJob.DAILY_SALES, "0 30 0 * * ?",
                ScheduledJob.VALIDATE, "0 0 1 * * ?", ScheduledJob.MAINTAIN, "0 0 3 * * ?"));
        assertThat(c.zone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(c.login().user()).isEqualTo("tributary_scheduler");
        assertThat(c.login().jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:15432/tributary");
        assertThat(c.login().toString()).doesNotContain("s3cret");
        assertThat(c.metricsPort()).isEqualTo(18085);
        assertThat(c.jobMain()).isEqualTo("io.tributary.lakehouse.LakehouseJobMain");
        assertThat(c.jobClasspath()).isEmpty();
        assertThat(c.jobJvmOptions()).containsExactly("-Xmx1g");
        assertThat(c.misfireThreshold()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void eachJobHasItsOwnCronAndAnEmptyOneTakesItOffTheSchedule() {
        SchedulerConfig c = SchedulerConfig.fromEnvironment(with("TRIBUTARY_SCHEDULER_DAILY_SALES_CRON", " 0  15 2 * * ? ",
                "TRIBUTARY_SCHEDULER_MAINTAIN_CRON", "", "TRIBUTARY_SCHEDULER_ZONE", "Europe/Berlin",
                "TRIBUTARY_SCHEDULER_JOB_JVM_OPTIONS", " -Xmx2g  -Dx=y "));
        assertThat(c.cronOf(ScheduledJob.DAILY_SALES)).contains("0 15 2 * * ?");
        assertThat(c.cronOf(ScheduledJob.VALIDATE)).contains("0 0 1 * * ?");
        assertThat(c.cronOf(ScheduledJob.MAINTAIN)).isEmpty();
        assertThat(c.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(c.jobJvmOptions()).containsExactly("-Xmx2g", "-Dx=y");
        assertThat(SchedulerSetting.cronVariable(ScheduledJob.DAILY_SALES)).isEqualTo("TRIBUTARY_SCHEDULER_DAILY_SALES_CRON");
    }

    @Test
    void everyProblemIsReportedAtOnceNamingTheVariableAndTheFix() {
        assertThatThrownBy(() -> SchedulerConfig.fromEnvironment(Map.of("TRIBUTARY_SCHEDULER_VALIDATE_CRON", "0 0 25 * * ?",
                "TRIBUTARY_SCHEDULER_DAILY_SALES_CRON", "0 30 0 * * *", "TRIBUTARY_SCHEDULER_ZONE", "Mars/Olympus",
                "TRIBUTARY_SCHEDULER_THREDS", "4")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).hasSize(5)
                        .anySatisfy(p -> assertThat(p).contains("TRIBUTARY_SCHEDULER_VALIDATE_CRON")
                                .contains("is not a Quartz cron expression").contains("'0 30 0 * * ?'"))
                        .anySatisfy(p -> assertThat(p).contains("TRIBUTARY_SCHEDULER_DAILY_SALES_CRON")
                                .contains("day-of-week AND a day-of-month"))
                        .anySatisfy(p -> assertThat(p).contains("TRIBUTARY_SCHEDULER_ZONE").contains("Europe/Berlin"))
                        .anySatisfy(p -> assertThat(p).contains("TRIBUTARY_SCHEDULER_THREDS").contains("TRIBUTARY_SCHEDULER_THREADS"))
                        .anySatisfy(p -> assertThat(p).contains("TRIBUTARY_SCHEDULER_PASSWORD")));
    }

    @Test
    void thePasswordMayComeFromAFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("scheduler_password");
        java.nio.file.Files.writeString(file, "from-file\n");
        SchedulerConfig c = SchedulerConfig.fromEnvironment(Map.of("TRIBUTARY_SCHEDULER_PASSWORD_FILE", file.toString()));
        assertThat(c.login().password()).isEqualTo("from-file");
    }
}
