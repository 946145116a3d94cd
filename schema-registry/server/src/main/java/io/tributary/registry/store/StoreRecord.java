package io.tributary.registry.store;

/**
 * One entry of the registry's log. The log is compacted by key ({@link #key()}): only the last entry per key
 * matters, so replaying a compacted log rebuilds the same state. A {@link #isTombstone() tombstone} removes its key.
 */
public sealed interface StoreRecord {

    /** The compaction key: entries with equal keys replace each other. */
    String key();

    default boolean isTombstone() {
        return false;
    }

    /** Version {@code version} of {@code subject} has schema {@code schema} (canonical text) with global id {@code id}. */
    record SchemaVersion(String subject, int version, int id, String schema, boolean deleted) implements StoreRecord {
        @Override
        public String key() {
            return versionKey(subject, version);
        }
    }

    /** Version {@code version} of {@code subject} was deleted permanently. */
    record VersionRemoved(String subject, int version) implements StoreRecord {
        @Override
        public String key() {
            return versionKey(subject, version);
        }

        @Override
        public boolean isTombstone() {
            return true;
        }
    }

    /** Compatibility level of a subject, or the global one if {@code subject} is null; a null level removes it. */
    record Config(String subject, String level) implements StoreRecord {
        @Override
        public String key() {
            return subject == null ? "config" : "config/" + subject;
        }

        @Override
        public boolean isTombstone() {
            return level == null;
        }
    }

    /** The highest schema id ever handed out: ids are never reused, even after permanent deletes. */
    record IdHighWater(int maxId) implements StoreRecord {
        @Override
        public String key() {
            return "id-high-water";
        }
    }

    private static String versionKey(String subject, int version) {
        return "schema/" + subject + "/" + version;
    }
}
