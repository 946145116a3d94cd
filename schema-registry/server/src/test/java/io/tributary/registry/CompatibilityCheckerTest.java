package io.tributary.registry;

import static io.tributary.registry.CompatibilityLevel.BACKWARD;
import static io.tributary.registry.CompatibilityLevel.BACKWARD_TRANSITIVE;
import static io.tributary.registry.CompatibilityLevel.FORWARD;
import static io.tributary.registry.CompatibilityLevel.FORWARD_TRANSITIVE;
import static io.tributary.registry.CompatibilityLevel.FULL;
import static io.tributary.registry.CompatibilityLevel.FULL_TRANSITIVE;
import static io.tributary.registry.CompatibilityLevel.NONE;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.registry.CompatibilityChecker.VersionedSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every compatibility level against the typical schema changes, and the transitive levels against history. */
class CompatibilityCheckerTest {
    private static final String A_INT = "{\"name\":\"a\",\"type\":\"int\"}";
    private static final String A_LONG = "{\"name\":\"a\",\"type\":\"long\"}";
    private static final String B_DEFAULT = "{\"name\":\"b\",\"type\":\"string\",\"default\":\"x\"}";
    private static final String B_REQUIRED = "{\"name\":\"b\",\"type\":\"string\"}";
    private static final String C_DEFAULT = "{\"name\":\"c\",\"type\":\"string\",\"default\":\"x\"}";
    private static final String C_REQUIRED = "{\"name\":\"c\",\"type\":\"string\"}";

    private final CompatibilityChecker checker = new CompatibilityChecker();

    private static Schema record(String... fields) {
        return new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"r\",\"fields\":[" + String.join(",", fields) + "]}");
    }

    /** change, level, old versions (oldest first), new schema, expected compatible. */
    static Stream<Arguments> singleStepChanges() {
        List<Arguments> rows = new ArrayList<>();
        // change                        BACKWARD FORWARD FULL  (the transitive levels agree with one old version)
        add(rows, "add field with default", List.of(record(A_INT)), record(A_INT, B_DEFAULT), true, true, true);
        add(rows, "add field without default", List.of(record(A_INT)), record(A_INT, B_REQUIRED), false, true, false);
        add(rows, "remove field without default", List.of(record(A_INT, C_REQUIRED)), record(A_INT), true, false, false);
        add(rows, "remove field with default", List.of(record(A_INT, C_DEFAULT)), record(A_INT), true, true, true);
        add(rows, "widen int to long", List.of(record(A_INT)), record(A_LONG), true, false, false);
        add(rows, "narrow long to int", List.of(record(A_LONG)), record(A_INT), false, true, false);
        add(rows, "change type to string", List.of(record(A_INT)),
                record("{\"name\":\"a\",\"type\":\"string\"}"), false, false, false);
        add(rows, "rename record", List.of(record(A_INT)),
                new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"other\",\"fields\":[" + A_INT + "]}"), false, false, false);
        return rows.stream();
    }

    private static void add(List<Arguments> rows, String change, List<Schema> old, Schema candidate,
            boolean backward, boolean forward, boolean full) {
        rows.add(Arguments.of(change, NONE, old, candidate, true));
        rows.add(Arguments.of(change, BACKWARD, old, candidate, backward));
        rows.add(Arguments.of(change, BACKWARD_TRANSITIVE, old, candidate, backward));
        rows.add(Arguments.of(change, FORWARD, old, candidate, forward));
        rows.add(Arguments.of(change, FORWARD_TRANSITIVE, old, candidate, forward));
        rows.add(Arguments.of(change, FULL, old, candidate, full));
        rows.add(Arguments.of(change, FULL_TRANSITIVE, old, candidate, full));
    }

    /** Histories where the latest version accepts the candidate but an older one does not. */
    static Stream<Arguments> historyMatters() {
        List<Schema> addedDefaultThenRequired = List.of(record(A_INT), record(A_INT, B_DEFAULT));
        Schema required = record(A_INT, B_REQUIRED);
        List<Schema> requiredThenDefaulted = List.of(record(A_INT, C_REQUIRED), record(A_INT, C_DEFAULT));
        Schema dropped = record(A_INT);
        return Stream.of(
                Arguments.of("b loses its default", BACKWARD, addedDefaultThenRequired, required, true),
                Arguments.of("b loses its default", BACKWARD_TRANSITIVE, addedDefaultThenRequired, required, false),
                Arguments.of("b loses its default", FULL, addedDefaultThenRequired, required, true),
                Arguments.of("b loses its default", FULL_TRANSITIVE, addedDefaultThenRequired, required, false),
                Arguments.of("c dropped after getting a default", FORWARD, requiredThenDefaulted, dropped, true),
                Arguments.of("c dropped after getting a default", FORWARD_TRANSITIVE, requiredThenDefaulted, dropped, false),
                Arguments.of("c dropped after getting a default", NONE, requiredThenDefaulted, dropped, true));
    }

    @ParameterizedTest(name = "{0} under {1} -> compatible={4}")
    @MethodSource({"singleStepChanges", "historyMatters"})
    void decidesLikeAvroSchemaResolution(String change, CompatibilityLevel level, List<Schema> old, Schema candidate,
            boolean expected) {
        List<VersionedSchema> versions = new ArrayList<>();
        for (int i = 0; i < old.size(); i++) {
            versions.add(new VersionedSchema(i + 1, old.get(i)));
        }

        List<String> problems = checker.check(level, candidate, versions);

        assertThat(problems.isEmpty()).as("compatible, problems: %s", problems).isEqualTo(expected);
        if (!expected) {
            assertThat(problems).last().isEqualTo("{compatibility: '" + level + "'}");
            assertThat(problems.get(0)).contains("errorType:'");
        }
    }

    @ParameterizedTest
    @MethodSource("levels")
    void anySchemaFollowsAnEmptySubject(CompatibilityLevel level) {
        assertThat(checker.check(level, record(A_INT), List.of())).isEmpty();
    }

    static Stream<CompatibilityLevel> levels() {
        return Stream.of(CompatibilityLevel.values());
    }
}
