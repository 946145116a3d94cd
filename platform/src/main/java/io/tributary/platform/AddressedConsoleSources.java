package io.tributary.platform;

import io.tributary.console.lake.LakeLocation;
import io.tributary.contracts.prometheus.PrometheusText;
import io.tributary.stack.ServiceStatus;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The console's data read from servers named by their addresses ({@link ConsoleAddresses}): compose's console
 * service, where there is no local data dir. The services it shows are the pipeline stages, healthy when their
 * /metrics answer; there is no reconcile or chaos history to show, and the reconcile action says how to run one.
 */
final class AddressedConsoleSources extends ScrapedConsoleSources {
    static final String RECONCILE_HINT = "the console runs no reconcile here: run `docker compose run --rm lakehouse-job"
            + " reconcile` (exit 0: the lake equals PostgreSQL)";

    private final ConsoleAddresses addresses;
    private final MetricsScraper scraper = new MetricsScraper();

    AddressedConsoleSources(ConsoleAddresses addresses) {
        this.addresses = addresses;
    }

    @Override
    public String statusJson() {
        return StatusRendering.json(Path.of(""), statuses(addresses.stages(), stage -> scrape(addresses.stages().get(stage))));
    }

    /** A status per stage, in the order given: healthy when its /metrics answer, unhealthy otherwise. Pure. */
    static List<ServiceStatus> statuses(Map<String, URI> stages, java.util.function.Function<String, Optional<PrometheusText>> metrics) {
        List<ServiceStatus> result = new ArrayList<>();
        stages.keySet().stream().sorted().forEach(stage -> {
            boolean up = metrics.apply(stage).isPresent();
            result.add(new ServiceStatus(stage, up ? ServiceStatus.State.HEALTHY : ServiceStatus.State.UNHEALTHY,
                    stages.get(stage).toString(), null, -1, up ? "GET /metrics answers" : "GET /metrics does not answer"));
        });
        return result;
    }

    @Override
    PrometheusText metrics(String stage) {
        return scrape(addresses.stages().get(stage)).orElse(PrometheusText.EMPTY);
    }

    private Optional<PrometheusText> scrape(URI stage) {
        return stage == null ? Optional.empty() : scraper.scrape(stage);
    }

    @Override
    Optional<Map<String, Long>> postgresCounts() {
        return ShopTableCounts.count(addresses.postgres());
    }

    @Override
    String kafkaBootstrap() {
        return addresses.kafkaBootstrap();
    }

    @Override
    public Optional<String> lastReconcileJson() {
        return Optional.empty();
    }

    @Override
    public Optional<String> lastChaosSummary() {
        return Optional.empty();
    }

    @Override
    public String registryUrl() {
        return addresses.registryUrl();
    }

    @Override
    public ReconcileStart startReconcile() {
        return new ReconcileStart(false, RECONCILE_HINT);
    }

    @Override
    public Optional<LakeLocation> lake() {
        return Optional.of(addresses.lake());
    }

    @Override
    public Optional<URI> lakehouseJobUrl() {
        return Optional.ofNullable(addresses.stages().get(Pipeline.LAKEHOUSE_JOB));
    }
}
