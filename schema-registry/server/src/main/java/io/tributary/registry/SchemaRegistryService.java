package io.tributary.registry;

import io.tributary.registry.CompatibilityChecker.VersionedSchema;
import io.tributary.registry.RegistryState.Version;
import io.tributary.registry.store.SchemaStore;
import io.tributary.registry.store.StoreException;
import io.tributary.registry.store.StoreRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.apache.avro.AvroTypeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's operations with Confluent's semantics, independent of HTTP. Every change is written to the
 * {@link SchemaStore} first and applied to memory only once durable. Writes are serialized (single writer);
 * reads see every completed write and are not blocked by a write waiting for the store.
 */
public final class SchemaRegistryService {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryService.class);

    private final SchemaStore store;
    private final RegistryState state = new RegistryState();
    private final CompatibilityChecker checker = new CompatibilityChecker();
    private final Map<Integer, Schema> parsed = new ConcurrentHashMap<>();
    private final ReentrantLock writerLock = new ReentrantLock();
    private final ReentrantReadWriteLock stateLock = new ReentrantReadWriteLock();

    /** A version of a subject as the API shows it. */
    public record SubjectVersion(String subject, int version, int id, String schema) {
    }

    /** Outcome of a compatibility test; {@code messages} are empty when compatible. */
    public record CompatibilityResult(boolean compatible, List<String> messages) {
    }

    /** Loads the whole store; the service is ready when this returns. */
    public SchemaRegistryService(SchemaStore store) {
        this.store = Objects.requireNonNull(store, "store");
        List<StoreRecord> records = store.load();
        records.forEach(state::apply);
        LOG.info("Loaded {} store records from {}: {} subjects, {} schemas, highest id {}",
                records.size(), store.describe(), state.subjects(true).size(), state.schemaCount(), state.maxId());
    }

    // ---- schemas

    public int register(String subject, String schemaText, String schemaType) {
        return mutate(() -> {
            requireSubject(subject);
            Schema schema = parse(schemaText, schemaType);
            String canonical = schema.toString();
            List<Version> live = state.liveVersions(subject);
            for (Version v : live) {
                if (canonical.equals(state.schema(v.id()).orElseThrow())) {
                    return v.id();
                }
            }
            CompatibilityLevel level = effectiveLevel(subject);
            List<String> problems = checker.check(level, schema, versioned(live));
            if (!problems.isEmpty()) {
                throw RegistryException.incompatible(subject, problems);
            }
            List<StoreRecord> records = new ArrayList<>();
            int id = state.idOf(canonical).orElse(-1);
            if (id < 0) {
                id = state.maxId() + 1;
                records.add(new StoreRecord.IdHighWater(id));
            }
            List<Version> all = state.allVersions(subject);
            int version = all.isEmpty() ? 1 : all.get(all.size() - 1).version() + 1;
            records.add(new StoreRecord.SchemaVersion(subject, version, id, canonical, false));
            write(records);
            LOG.info("Registered subject {} version {} with schema id {}", subject, version, id);
            return id;
        });
    }

    public SubjectVersion lookup(String subject, String schemaText, String schemaType, boolean includeDeleted) {
        return read(() -> {
            List<Version> versions = state.versions(subject, includeDeleted);
            if (versions.isEmpty()) {
                throw RegistryException.subjectNotFound(subject);
            }
            String canonical = parse(schemaText, schemaType).toString();
            for (int i = versions.size() - 1; i >= 0; i--) {
                Version v = versions.get(i);
                String text = state.schema(v.id()).orElseThrow();
                if (text.equals(canonical)) {
                    return new SubjectVersion(subject, v.version(), v.id(), text);
                }
            }
            throw RegistryException.schemaNotFound();
        });
    }

    public String schemaById(int id) {
        return read(() -> {
            if (state.versionsWithId(id, true).isEmpty()) {
                throw RegistryException.schemaIdNotFound(id);
            }
            return state.schema(id).orElseThrow(() -> RegistryException.schemaIdNotFound(id));
        });
    }

    public List<SubjectVersion> versionsOfId(int id, boolean includeDeleted) {
        return read(() -> {
            schemaById(id);
            return state.versionsWithId(id, includeDeleted).stream()
                    .map(v -> new SubjectVersion(v.subject(), v.version(), v.id(), null)).toList();
        });
    }

    /** Every version of every subject (GET /schemas), ordered by subject and version; optionally the latest only. */
    public List<SubjectVersion> allVersions(boolean includeDeleted, boolean latestOnly, String prefix) {
        return read(() -> {
            List<SubjectVersion> result = new ArrayList<>();
            for (String subject : state.subjects(includeDeleted)) {
                if (prefix != null && !subject.startsWith(prefix)) {
                    continue;
                }
                List<Version> versions = state.versions(subject, includeDeleted);
                if (latestOnly) {
                    versions = List.of(versions.get(versions.size() - 1));
                }
                versions.forEach(v -> result.add(new SubjectVersion(subject, v.version(), v.id(), state.schema(v.id()).orElseThrow())));
            }
            return result;
        });
    }

    // ---- subjects

    public List<String> subjects(boolean includeDeleted, String prefix) {
        return read(() -> {
            return state.subjects(includeDeleted).stream().filter(s -> prefix == null || s.startsWith(prefix)).toList();
        });
    }

    public List<Integer> versions(String subject, boolean includeDeleted) {
        return read(() -> {
            List<Version> versions = state.versions(subject, includeDeleted);
            if (versions.isEmpty()) {
                throw RegistryException.subjectNotFound(subject);
            }
            return versions.stream().map(Version::version).toList();
        });
    }

    public SubjectVersion version(String subject, VersionSpec spec, boolean includeDeleted) {
        return read(() -> {
            Version v = find(subject, spec, includeDeleted);
            return new SubjectVersion(subject, v.version(), v.id(), state.schema(v.id()).orElseThrow());
        });
    }

    /** Soft or permanent delete of a whole subject; returns the deleted version numbers. */
    public List<Integer> deleteSubject(String subject, boolean permanent) {
        return mutate(() -> {
            List<Version> all = state.allVersions(subject);
            if (all.isEmpty()) {
                throw RegistryException.subjectNotFound(subject);
            }
            List<Version> live = state.liveVersions(subject);
            List<Integer> deleted = new ArrayList<>();
            if (permanent) {
                if (!live.isEmpty()) {
                    throw RegistryException.subjectNotSoftDeleted(subject);
                }
                List<StoreRecord> records = new ArrayList<>();
                for (Version v : all) {
                    records.add(new StoreRecord.VersionRemoved(subject, v.version()));
                    deleted.add(v.version());
                }
                if (state.subjectLevel(subject).isPresent()) {
                    records.add(new StoreRecord.Config(subject, null));
                }
                write(records);
            } else {
                if (live.isEmpty()) {
                    throw RegistryException.subjectSoftDeleted(subject);
                }
                write(live.stream().map(this::softDeleted).toList());
                live.forEach(v -> deleted.add(v.version()));
            }
            LOG.info("Deleted subject {} ({}), versions {}", subject, permanent ? "permanently" : "soft", deleted);
            return deleted;
        });
    }

    public int deleteVersion(String subject, VersionSpec spec, boolean permanent) {
        return mutate(() -> {
            // soft-deleting "latest" means the latest live version; a numbered version may already be soft-deleted (40406)
            Version v = find(subject, spec, permanent || !spec.isLatest());
            if (permanent) {
                if (!v.deleted()) {
                    throw RegistryException.versionNotSoftDeleted(subject, v.version());
                }
                write(new StoreRecord.VersionRemoved(subject, v.version()));
            } else {
                if (v.deleted()) {
                    throw RegistryException.versionSoftDeleted(subject, v.version());
                }
                write(softDeleted(v));
            }
            LOG.info("Deleted subject {} version {} ({})", subject, v.version(), permanent ? "permanently" : "soft");
            return v.version();
        });
    }

    // ---- compatibility

    /** Tests {@code schemaText} against one version, or against what registration would check ({@code latest}). */
    public CompatibilityResult testCompatibility(String subject, VersionSpec spec, String schemaText,
            String schemaType) {
        return read(() -> {
            Schema schema = parse(schemaText, schemaType);
            CompatibilityLevel level = effectiveLevel(subject);
            List<Version> live = state.liveVersions(subject);
            List<Version> against;
            if (spec == null || spec.isLatest()) {
                against = live;
            } else {
                against = List.of(find(subject, spec, false));
            }
            List<String> problems = checker.check(level, schema, versioned(against));
            return new CompatibilityResult(problems.isEmpty(), problems);
        });
    }

    // ---- config

    public CompatibilityLevel globalLevel() {
        return read(() -> {
            return state.globalLevel().orElse(CompatibilityLevel.DEFAULT);
        });
    }

    public void setGlobalLevel(CompatibilityLevel level) {
        mutate(() -> {
            write(new StoreRecord.Config(null, level.name()));
            LOG.info("Global compatibility level set to {}", level);
            return null;
        });
    }

    /** Resets the global level to the default; returns the level before. */
    public CompatibilityLevel deleteGlobalLevel() {
        return mutate(() -> {
            CompatibilityLevel before = globalLevel();
            if (state.globalLevel().isPresent()) {
                write(new StoreRecord.Config(null, null));
            }
            return before;
        });
    }

    public CompatibilityLevel subjectLevel(String subject, boolean defaultToGlobal) {
        return read(() -> {
            return state.subjectLevel(subject).orElseGet(() -> {
                if (defaultToGlobal) {
                    return globalLevel();
                }
                throw RegistryException.subjectLevelNotConfigured(subject);
            });
        });
    }

    public void setSubjectLevel(String subject, CompatibilityLevel level) {
        mutate(() -> {
            requireSubject(subject);
            write(new StoreRecord.Config(subject, level.name()));
            LOG.info("Compatibility level of subject {} set to {}", subject, level);
            return null;
        });
    }

    public CompatibilityLevel deleteSubjectLevel(String subject) {
        return mutate(() -> {
            CompatibilityLevel before = state.subjectLevel(subject)
                    .orElseThrow(() -> RegistryException.subjectLevelNotConfigured(subject));
            write(new StoreRecord.Config(subject, null));
            return before;
        });
    }

    // ---- helpers

    /** Runs a read under the shared state lock: reads go on while a write waits for Kafka. */
    private <T> T read(Supplier<T> action) {
        stateLock.readLock().lock();
        try {
            return action.get();
        } finally {
            stateLock.readLock().unlock();
        }
    }

    /**
     * Runs a change: one at a time (single writer). It validates against the state (only writers change it, so no
     * state lock is needed for that), writes to the store, and applies the records under the exclusive state lock.
     */
    private <T> T mutate(Supplier<T> action) {
        writerLock.lock();
        try {
            return action.get();
        } finally {
            writerLock.unlock();
        }
    }

    private CompatibilityLevel effectiveLevel(String subject) {
        return state.subjectLevel(subject).orElseGet(this::globalLevel);
    }

    private Version find(String subject, VersionSpec spec, boolean includeDeleted) {
        List<Version> all = state.allVersions(subject);
        if (all.isEmpty() || (!includeDeleted && state.liveVersions(subject).isEmpty())) {
            throw RegistryException.subjectNotFound(subject);
        }
        List<Version> candidates = state.versions(subject, includeDeleted);
        if (spec.isLatest()) {
            return candidates.get(candidates.size() - 1);
        }
        return candidates.stream().filter(v -> v.version() == spec.number()).findFirst()
                .orElseThrow(() -> RegistryException.versionNotFound(spec.number()));
    }

    private List<VersionedSchema> versioned(List<Version> versions) {
        return versions.stream().map(v -> new VersionedSchema(v.version(), schemaOf(v.id()))).toList();
    }

    private Schema schemaOf(int id) {
        return parsed.computeIfAbsent(id, i -> new Schema.Parser().parse(state.schema(i).orElseThrow()));
    }

    private StoreRecord softDeleted(Version v) {
        return new StoreRecord.SchemaVersion(v.subject(), v.version(), v.id(), state.schema(v.id()).orElseThrow(), true);
    }

    private void write(StoreRecord record) {
        write(List.of(record));
    }

    /** Writes all records durably (all or none), then applies them to memory. */
    private void write(List<StoreRecord> records) {
        try {
            store.append(records);
        } catch (StoreException e) {
            LOG.error("Could not write {} to {}", records.stream().map(StoreRecord::key).toList(), store.describe(), e);
            throw RegistryException.storeError(e.getMessage(), e);
        }
        stateLock.writeLock().lock();
        try {
            records.forEach(state::apply);
        } finally {
            stateLock.writeLock().unlock();
        }
    }

    private static void requireSubject(String subject) {
        if (subject == null || subject.isBlank()) {
            throw new RegistryException(422, 422, "Subject name must not be blank");
        }
    }

    /** Parses an Avro schema; 42201 with the parser's message if it is not one. */
    static Schema parse(String schemaText, String schemaType) {
        if (schemaType != null && !schemaType.isEmpty() && !"AVRO".equals(schemaType)) {
            throw RegistryException.invalidSchema("type " + schemaType + ": this registry supports AVRO only");
        }
        if (schemaText == null || schemaText.isBlank()) {
            throw new RegistryException(422, 42201, "Empty schema");
        }
        try {
            return new Schema.Parser().parse(schemaText);
        } catch (SchemaParseException | AvroTypeException e) {
            throw RegistryException.invalidSchema("{" + abbreviate(schemaText) + "}, details: " + e.getMessage());
        } catch (RuntimeException e) {
            throw RegistryException.invalidSchema("{" + abbreviate(schemaText) + "}, details: " + e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
