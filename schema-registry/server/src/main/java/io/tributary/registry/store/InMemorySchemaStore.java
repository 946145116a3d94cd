package io.tributary.registry.store;

import java.util.ArrayList;
import java.util.List;

/** A store that lives as long as the process: for tests and throw-away local runs ({@code --store=memory}). */
public final class InMemorySchemaStore implements SchemaStore {
    private final List<StoreRecord> log = new ArrayList<>();

    @Override
    public synchronized List<StoreRecord> load() {
        return List.copyOf(log);
    }

    @Override
    public synchronized void append(List<StoreRecord> records) {
        log.addAll(records);
    }

    @Override
    public String describe() {
        return "in-memory store (lost on exit)";
    }

    @Override
    public void close() {
        // nothing to release
    }
}
