package io.tributary.scheduler.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class QuartzStoreTest {

    @Test
    void theStoreIsQuartzsJdbcStoreOnPostgresClusteredInSchemaScheduler() {
        Properties p = QuartzStore.properties("AUTO", 2, Duration.ofSeconds(5), Duration.ofMillis(7500), Duration.ofSeconds(60));
        assertThat(p).containsEntry("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX")
                .containsEntry("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate")
                .containsEntry("org.quartz.jobStore.tablePrefix", "scheduler.qrtz_")
                .containsEntry("org.quartz.jobStore.isClustered", "true")
                .containsEntry("org.quartz.jobStore.useProperties", "true")
                .containsEntry("org.quartz.scheduler.instanceName", "tributary")
                .containsEntry("org.quartz.scheduler.instanceId", "AUTO")
                .containsEntry("org.quartz.threadPool.threadCount", "2")
                .containsEntry("org.quartz.scheduler.idleWaitTime", "5000")
                .containsEntry("org.quartz.jobStore.clusterCheckinInterval", "7500")
                .containsEntry("org.quartz.jobStore.misfireThreshold", "60000");
    }

    @Test
    void theTablesScriptIsInTheJarAndOnlyCreatesWhatIsMissing() {
        String sql = SchedulerSchema.script();
        assertThat(sql).contains("CREATE TABLE IF NOT EXISTS scheduler.qrtz_triggers")
                .contains("CREATE TABLE IF NOT EXISTS scheduler.job_runs").contains("SET ROLE tributary_scheduler");
        assertThat(sql.lines().filter(l -> l.startsWith("CREATE TABLE ") || l.startsWith("CREATE INDEX ")))
                .allSatisfy(l -> assertThat(l).contains("IF NOT EXISTS"));
        assertThat(sql).doesNotContain("DROP ");
    }
}
