package io.tributary.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.registry.store.SchemaStore;
import io.tributary.registry.store.StoreRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A registry rebuilt from its log answers like the one that wrote it, also after Kafka-style compaction
 * (only the last record per key survives, tombstones included until deleted).
 */
class StoreReplayTest {
    private static final String V1 = "{\"type\":\"record\",\"name\":\"T\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}";
    private static final String V2 = "{\"type\":\"record\",\"name\":\"T\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"},"
            + "{\"name\":\"b\",\"type\":\"int\",\"default\":0}]}";

    /** A log that can be compacted like a Kafka topic with cleanup.policy=compact. */
    private static final class CompactableLog implements SchemaStore {
        final List<StoreRecord> log = new ArrayList<>();

        @Override
        public List<StoreRecord> load() {
            return List.copyOf(log);
        }

        @Override
        public void append(List<StoreRecord> records) {
            log.addAll(records);
        }

        @Override
        public String describe() {
            return "compactable test log";
        }

        @Override
        public void close() {
        }

        /** Keeps the last record per key, in the order of those last records, and drops tombstones. */
        CompactableLog compacted() {
            Map<String, StoreRecord> last = new LinkedHashMap<>();
            for (StoreRecord r : log) {
                last.remove(r.key());
                last.put(r.key(), r);
            }
            CompactableLog copy = new CompactableLog();
            last.values().stream().filter(r -> !r.isTombstone()).forEach(copy.log::add);
            return copy;
        }
    }

    private static List<Object> answers(SchemaRegistryService s) {
        return List.of(s.subjects(false, null), s.subjects(true, null), s.versions("a-value", true),
                s.version("a-value", VersionSpec.LATEST, false), s.version("b-value", new VersionSpec(1), true),
                s.globalLevel(), s.subjectLevel("a-value", false), s.schemaById(1));
    }

    @Test
    void replayAndCompactedReplayGiveTheSameRegistry() {
        CompactableLog log = new CompactableLog();
        SchemaRegistryService writer = new SchemaRegistryService(log);
        writer.register("a-value", V1, null);
        writer.register("a-value", V2, null);
        writer.register("b-value", V1, null);
        writer.register("gone-value", "\"string\"", null);
        writer.deleteSubject("gone-value", false);
        writer.deleteSubject("gone-value", true);
        writer.deleteVersion("b-value", VersionSpec.LATEST, false);
        writer.setGlobalLevel(CompatibilityLevel.FULL);
        writer.setSubjectLevel("a-value", CompatibilityLevel.NONE);
        writer.setSubjectLevel("b-value", CompatibilityLevel.FORWARD);
        writer.deleteSubjectLevel("b-value");
        List<Object> expected = answers(writer);

        CompactableLog compacted = log.compacted();
        assertThat(compacted.log.size()).isLessThan(log.log.size());
        assertThat(answers(new SchemaRegistryService(log))).isEqualTo(expected);
        assertThat(answers(new SchemaRegistryService(compacted))).isEqualTo(expected);

        SchemaRegistryService restarted = new SchemaRegistryService(compacted);
        assertThat(restarted.register("c-value", "\"long\"", null))
                .as("the id of the permanently deleted schema (3) is not handed out again").isEqualTo(4);
    }
}
