package io.tributary.console;

import io.tributary.contracts.reconcile.ReconcileJson;
import io.tributary.contracts.reconcile.ReconcileOutcome;
import io.tributary.contracts.reconcile.ReconcileResult;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;

/** Console sources over given values, as the CLI would read them from a stack, for the console's unit tests. */
final class FixedSources implements ConsoleSources {
    static final String STATUS_JSON = "{\"dataDir\":\"/d\",\"healthy\":true,\"supervisorPid\":7,\"services\":[{\"name\":"
            + "\"cdc-engine\",\"state\":\"running\",\"pid\":4242,\"restarts\":1}],\"parkedTables\":[]}";

    final AtomicInteger reconcilesStarted = new AtomicInteger();
    /** Why a reconcile cannot start now; null: it starts. */
    String reconcileRefusal;
    Optional<String> reconcile = Optional.empty();
    Optional<String> chaos = Optional.empty();
    OptionalLong quarantined = OptionalLong.of(3);
    Optional<java.net.URI> lakehouseJob = Optional.empty();
    long clock = 1_000_000;
    double counter;

    static String reconcileReport() {
        return ReconcileJson.write(new ReconcileResult(true, ReconcileOutcome.EQUAL, "0/1F70140", true, "", 1500, 900,
                List.of(new ReconcileResult.TableResult("orders", true, 12991, 12991, 0, 0, 0, 0, 14003, List.of(),
                        List.of(), List.of(), List.of(), null)), List.of()));
    }

    @Override
    public String statusJson() {
        return STATUS_JSON;
    }

    @Override
    public Sample sample() {
        clock += 5000;
        counter += 500;
        return new Sample(clock, counter, counter * 2, counter, counter / 2, OptionalDouble.of(0.5), OptionalDouble.empty());
    }

    @Override
    public List<TableCounts> tables() {
        return List.of(new TableCounts("orders", OptionalLong.of(12991), OptionalLong.of(14003), OptionalLong.of(14003),
                OptionalLong.of(13500), OptionalLong.of(12991)),
                new TableCounts("products", OptionalLong.of(240), OptionalLong.empty(), OptionalLong.empty(),
                        OptionalLong.empty(), OptionalLong.empty()));
    }

    @Override
    public Optional<String> lastReconcileJson() {
        return reconcile;
    }

    @Override
    public Optional<String> lastChaosSummary() {
        return chaos;
    }

    @Override
    public OptionalLong quarantined() {
        return quarantined;
    }

    @Override
    public String registryUrl() {
        return "http://127.0.0.1:1";
    }

    @Override
    public Optional<java.net.URI> lakehouseJobUrl() {
        return lakehouseJob;
    }

    @Override
    public ReconcileStart startReconcile() {
        if (reconcileRefusal != null) {
            return new ReconcileStart(false, reconcileRefusal);
        }
        reconcilesStarted.incrementAndGet();
        return new ReconcileStart(true, "reconcile started");
    }
}
