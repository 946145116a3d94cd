package io.tributary.stack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The one state structure of a {@link LocalStack}: a {@link ProcessEntry} per process name, in launch order. Every
 * access holds this table's monitor, briefly; nothing slow (a start, a stop, a probe) runs under it.
 */
final class ProcessTable {
    private final Map<String, ProcessEntry> entries = new LinkedHashMap<>();

    synchronized ProcessEntry get(String name) {
        return entries.getOrDefault(name, ProcessEntry.named(name));
    }

    /** The process of {@code name}, or null. */
    synchronized ManagedProcess process(String name) {
        return get(name).process();
    }

    /**
     * The process a run record names, as this table knows it (with its exit code when this JVM started it), or adopted
     * from the record; empty when the recorded process is gone and was not started here.
     */
    Optional<ManagedProcess> processOf(RunRecord record) {
        ManagedProcess known = process(record.name());
        if (known != null && known.pid() == record.pid()) {
            return Optional.of(known);
        }
        return ManagedProcess.adopt(record);
    }

    /** Changes one entry (created empty first if there is none) and returns the new entry. */
    synchronized ProcessEntry update(String name, UnaryOperator<ProcessEntry> change) {
        ProcessEntry changed = change.apply(get(name));
        entries.put(name, changed);
        return changed;
    }

    /** Sets the process of {@code name}; a name that had no process moves to the end of the launch order. */
    synchronized void attach(String name, ManagedProcess process) {
        ProcessEntry entry = get(name);
        if (entry.process() == null) {
            entries.remove(name);
        }
        entries.put(name, entry.withProcess(process));
    }

    /** Forgets the process of {@code name} (the entry stays) and returns it, or null. */
    synchronized ManagedProcess detach(String name) {
        ProcessEntry entry = entries.get(name);
        if (entry == null) {
            return null;
        }
        entries.put(name, entry.withProcess(null));
        return entry.process();
    }

    synchronized void remove(String name) {
        entries.remove(name);
    }

    /** The known processes of the names {@code which} accepts, in launch order. */
    synchronized Map<String, ManagedProcess> processes(Predicate<String> which) {
        Map<String, ManagedProcess> result = new LinkedHashMap<>();
        entries.values().stream().filter(e -> e.process() != null && which.test(e.name()))
                .forEach(e -> result.put(e.name(), e.process()));
        return result;
    }

    /** The names of the entries this handle started, in launch order. */
    synchronized List<String> owned() {
        List<String> result = new ArrayList<>();
        entries.values().stream().filter(ProcessEntry::owned).forEach(e -> result.add(e.name()));
        return result;
    }
}
