package io.tributary.console;

import io.tributary.console.lake.LakeLocation;
import io.tributary.console.topics.TopicReader;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where the console reads what it shows. The CLI implements it over the running stack (the same reads as
 * {@code tributary status}); tests implement it over fixed values. Each call reads afresh; none starts a Spark JVM.
 */
public interface ConsoleSources {

    /** Exactly what {@code tributary status --json} prints: services with state, pid, restarts; parked tables. */
    String statusJson();

    /** One reading of the pipeline's /metrics now. */
    Sample sample();

    /** Per captured table its counts. */
    List<TableCounts> tables();

    /** The JSON report of the latest reconcile (the reconcile codec's format), if one ran on this data dir. */
    Optional<String> lastReconcileJson();

    /** The summary line of the latest {@code tributary chaos} run, if one ran on this data dir. */
    Optional<String> lastChaosSummary();

    /** The poison records the lakehouse job wrote to the quarantine table since it started; empty if it does not answer. */
    OptionalLong quarantined();

    /** The schema registry's base URL, e.g. {@code http://127.0.0.1:18081}. */
    String registryUrl();

    /**
     * Starts {@code tributary reconcile --json} in the background; its report becomes {@link #lastReconcileJson()}.
     * Says whether it started, and what the user should know (why not: one still running, or no reconcile here).
     */
    ReconcileStart startReconcile();

    /** What {@link #startReconcile()} did. */
    record ReconcileStart(boolean started, String message) {
    }

    /** Where the lake's bucket is and the keys to read it; empty when not known (the lake page then says so). */
    default Optional<LakeLocation> lake() {
        return Optional.empty();
    }

    /** Kafka's topics and messages for the topics page; empty when not known. */
    default Optional<TopicReader> topicReader() {
        return Optional.empty();
    }

    /**
     * The lakehouse job's HTTP server (its metrics port, e.g. {@code http://127.0.0.1:18083}), which reads the lake
     * page's row previews; empty when not known.
     */
    default Optional<URI> lakehouseJobUrl() {
        return Optional.empty();
    }

    /** The address of the lakehouse job's Spark UI, when it serves one. */
    default Optional<String> sparkUiUrl() {
        return Optional.empty();
    }
}
