package io.tributary.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.contracts.metrics.MetricNames;
import io.tributary.contracts.prometheus.PrometheusText;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The compose stack's observability files (observability/): every metric the Grafana dashboard and the alert rules
 * use is one the stages export, and promtool accepts the Prometheus configuration and the rules where it is installed.
 */
class ObservabilityFilesTest {
    static final Path ROOT = Path.of("").toAbsolutePath().getParent().resolve("observability");
    private static final Pattern METRIC = Pattern.compile("\\btributary_[a-z0-9_]+");

    /** The names of contracts' MetricNames (the stages register from there) with a summary's _sum and _count. */
    private static Set<String> contractNames() throws IllegalAccessException {
        Set<String> names = new TreeSet<>();
        for (Class<?> group : MetricNames.class.getDeclaredClasses()) {
            for (Field f : group.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                    names.add((String) f.get(null));
                }
            }
        }
        return names;
    }

    /** What cdc-engine's and the lakehouse job's real metrics registries render (StageMetricsContractTest). */
    private static Set<String> renderedNames() {
        Set<String> names = new TreeSet<>();
        for (PrometheusText text : List.of(StageMetricsContractTest.cdcEngine(), StageMetricsContractTest.lakehouseJob())) {
            text.samples().forEach(s -> names.add(s.name()));
        }
        return names;
    }

    static Set<String> metricsIn(String text) {
        Set<String> used = new TreeSet<>();
        Matcher m = METRIC.matcher(text);
        while (m.find()) {
            used.add(m.group());
        }
        return used;
    }

    static String dashboardExpressions() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(ROOT.resolve("grafana/dashboards/tributary.json").toFile());
        List<String> exprs = new ArrayList<>();
        dashboard.get("panels").forEach(p -> p.get("targets").forEach(t -> exprs.add(t.get("expr").asText())));
        return String.join("\n", exprs);
    }

    /** The tributary_* names the Grafana dashboard's queries and the alert rules use. */
    static Set<String> dashboardAndAlertMetrics() throws Exception {
        Set<String> all = metricsIn(dashboardExpressions());
        all.addAll(metricsIn(Files.readString(ROOT.resolve("prometheus/alerts.yml"), StandardCharsets.UTF_8)));
        return all;
    }

    @Test
    void everyMetricOfTheDashboardAndTheAlertsIsExportedByAStage() throws Exception {
        Set<String> dashboard = metricsIn(dashboardExpressions());
        Set<String> alerts = metricsIn(Files.readString(ROOT.resolve("prometheus/alerts.yml"), StandardCharsets.UTF_8));
        assertThat(dashboard).contains(MetricNames.Lakehouse.FRESHNESS_SECONDS, MetricNames.Cdc.LAG_SECONDS,
                MetricNames.Cdc.RETAINED_WAL_BYTES, MetricNames.Lakehouse.QUARANTINED_TOTAL,
                MetricNames.Lakehouse.BATCH_DURATION_SECONDS_SUM, MetricNames.Simulator.CHANGES_TOTAL);
        Set<String> contract = contractNames();
        Set<String> rendered = renderedNames();
        Set<String> all = new TreeSet<>(dashboard);
        all.addAll(alerts);
        for (String name : all) {
            assertThat(contract).as("%s is a name of MetricNames", name).contains(name);
            if (!name.startsWith("tributary_simulator_")) {
                assertThat(rendered).as("%s is rendered by the stage's metrics registry", name).contains(name);
            }
        }
    }

    @Test
    void everyPanelHasAQueryAndTheDatasourceIsProvisioned() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(ROOT.resolve("grafana/dashboards/tributary.json").toFile());
        assertThat(dashboard.get("panels")).hasSizeGreaterThanOrEqualTo(8)
                .allSatisfy(p -> assertThat(p.get("targets")).isNotEmpty());
        String datasource = Files.readString(ROOT.resolve("grafana/provisioning/datasources/prometheus.yml"));
        assertThat(datasource).contains("uid: prometheus").contains("url: http://prometheus:9090");
        String prometheus = Files.readString(ROOT.resolve("prometheus/prometheus.yml"));
        assertThat(prometheus).contains("cdc-engine:8082", "lakehouse-job:8083", "simulator:8084", "postgres-exporter:9187");
    }

    @Test
    void composeMountsTheseFilesAndPublishesItsPortsOnLoopbackOnly() throws Exception {
        Path repo = ROOT.getParent();
        String compose = Files.readString(repo.resolve("docker-compose.yml"));
        Matcher mounts = Pattern.compile("- \\./(observability/[^:]+):").matcher(compose);
        List<String> mounted = new ArrayList<>();
        while (mounts.find()) {
            mounted.add(mounts.group(1));
            assertThat(repo.resolve(mounts.group(1))).as("mounted by docker-compose.yml").exists();
        }
        assertThat(mounted).contains("observability/prometheus/prometheus.yml", "observability/prometheus/alerts.yml",
                "observability/grafana/provisioning", "observability/grafana/dashboards");
        assertThat(compose).contains("\"127.0.0.1:9090:9090\"", "\"127.0.0.1:3000:3000\"");
    }

    @Test
    void promtoolAcceptsTheConfigurationAndTheRules() throws Exception {
        Assumptions.assumeTrue(PsqlCommand.onPath("promtool").isPresent(), "promtool (Debian package prometheus) is not installed");
        // the configuration names the rules at their path in the container: check it with the rules beside it
        Path dir = Files.createTempDirectory("promtool");
        String config = Files.readString(ROOT.resolve("prometheus/prometheus.yml")).replace("/etc/prometheus/alerts.yml",
                ROOT.resolve("prometheus/alerts.yml").toString());
        Files.writeString(dir.resolve("prometheus.yml"), config);
        assertThat(promtool("check", "config", dir.resolve("prometheus.yml").toString())).contains("SUCCESS");
        assertThat(promtool("check", "rules", ROOT.resolve("prometheus/alerts.yml").toString())).contains("SUCCESS: 7 rules found");
    }

    private static String promtool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("promtool"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("promtool %s:\n%s", String.join(" ", args), out).isZero();
        return out;
    }
}
