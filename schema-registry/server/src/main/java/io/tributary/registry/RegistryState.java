package io.tributary.registry;

import io.tributary.registry.store.StoreRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The registry's data, rebuilt by applying the store's records in order. Not thread-safe: the service guards it.
 */
final class RegistryState {

    /** One version of a subject. */
    record Version(String subject, int version, int id, boolean deleted) {
    }

    private final Map<String, TreeMap<Integer, Version>> subjects = new TreeMap<>();
    private final Map<Integer, String> schemaById = new HashMap<>();
    private final Map<String, Integer> idBySchema = new HashMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel;
    private int maxId;

    void apply(StoreRecord record) {
        if (record instanceof StoreRecord.SchemaVersion v) {
            subjects.computeIfAbsent(v.subject(), s -> new TreeMap<>())
                    .put(v.version(), new Version(v.subject(), v.version(), v.id(), v.deleted()));
            schemaById.put(v.id(), v.schema());
            idBySchema.put(v.schema(), v.id());
            maxId = Math.max(maxId, v.id());
        } else if (record instanceof StoreRecord.VersionRemoved r) {
            TreeMap<Integer, Version> versions = subjects.get(r.subject());
            Version removed = versions == null ? null : versions.remove(r.version());
            if (versions != null && versions.isEmpty()) {
                subjects.remove(r.subject());
            }
            if (removed != null && !isReferenced(removed.id())) {
                String schema = schemaById.remove(removed.id());
                idBySchema.remove(schema);
            }
        } else if (record instanceof StoreRecord.Config c) {
            CompatibilityLevel level = c.level() == null ? null : CompatibilityLevel.parse(c.level())
                    .orElseThrow(() -> new IllegalArgumentException("unknown compatibility level '" + c.level() + "'"));
            if (c.subject() == null) {
                globalLevel = level;
            } else if (level == null) {
                subjectLevels.remove(c.subject());
            } else {
                subjectLevels.put(c.subject(), level);
            }
        } else if (record instanceof StoreRecord.IdHighWater h) {
            maxId = Math.max(maxId, h.maxId());
        }
    }

    private boolean isReferenced(int id) {
        return subjects.values().stream().flatMap(v -> v.values().stream()).anyMatch(v -> v.id() == id);
    }

    /** All versions of a subject, soft-deleted ones included, ascending; empty if the subject has none. */
    List<Version> allVersions(String subject) {
        TreeMap<Integer, Version> versions = subjects.get(subject);
        return versions == null ? List.of() : List.copyOf(versions.values());
    }

    /** Versions that are not soft-deleted, ascending. */
    List<Version> liveVersions(String subject) {
        return allVersions(subject).stream().filter(v -> !v.deleted()).toList();
    }

    List<Version> versions(String subject, boolean includeDeleted) {
        return includeDeleted ? allVersions(subject) : liveVersions(subject);
    }

    List<String> subjects(boolean includeDeleted) {
        List<String> names = new ArrayList<>();
        subjects.forEach((name, versions) -> {
            if (includeDeleted || versions.values().stream().anyMatch(v -> !v.deleted())) {
                names.add(name);
            }
        });
        return names;
    }

    /** Every version, in any subject, that uses the schema {@code id}. */
    List<Version> versionsWithId(int id, boolean includeDeleted) {
        return subjects.values().stream().flatMap(v -> v.values().stream())
                .filter(v -> v.id() == id && (includeDeleted || !v.deleted())).toList();
    }

    Optional<String> schema(int id) {
        return Optional.ofNullable(schemaById.get(id));
    }

    Optional<Integer> idOf(String canonicalSchema) {
        return Optional.ofNullable(idBySchema.get(canonicalSchema));
    }

    int maxId() {
        return maxId;
    }

    int schemaCount() {
        return schemaById.size();
    }

    Optional<CompatibilityLevel> globalLevel() {
        return Optional.ofNullable(globalLevel);
    }

    Optional<CompatibilityLevel> subjectLevel(String subject) {
        return Optional.ofNullable(subjectLevels.get(subject));
    }
}
