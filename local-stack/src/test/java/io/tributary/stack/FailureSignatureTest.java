package io.tributary.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class FailureSignatureTest {

    private static List<String> run(String startedAt, String uuid, String time) {
        return List.of("==== " + startedAt + " starting lakehouse-job: java -cp <40 classpath entries> LakehouseJobMain stream",
                time + " INFO  [main] SparkContext - Running Spark version 3.5",
                time + " ERROR [stream-" + uuid + "] LakehouseJobMain - lakehouse job failed: batch 12 of orders:"
                        + " cannot cast 'abc' to INT (run " + uuid + ")",
                "java.lang.IllegalStateException: batch 12",
                "\tat io.tributary.lakehouse.stream.MicroBatchProcessor.process(MicroBatchProcessor.java:80)",
                "\t... 12 more",
                time + " INFO  [shutdown] StreamingJob - lakehouse job stopped");
    }

    @Test
    void twoRunsThatFailedTheSameWayHaveOneSignatureWhateverTheirTimesThreadsAndIds() {
        List<String> first = run("2026-12-06T21:29:00Z", "032c7454-48ae-4e52-9b7f-8a540eb424e0", "2026-12-06T21:29:38,181");
        List<String> both = new java.util.ArrayList<>(first);
        both.addAll(run("2026-12-06T21:30:00Z", "9f0e1d2c-48ae-4e52-9b7f-000000000001", "21:30:41.002"));

        assertThat(FailureSignature.of(OptionalInt.of(1), first)).hasValue("exit 1: ERROR LakehouseJobMain - lakehouse job"
                + " failed: batch 12 of orders: cannot cast 'abc' to INT (run <id>)");
        assertThat(FailureSignature.of(OptionalInt.of(1), both)).isEqualTo(FailureSignature.of(OptionalInt.of(1), first));
        assertThat(FailureSignature.of(OptionalInt.of(3), first)).as("another exit code is another way to fail")
                .hasValueSatisfying(s -> assertThat(s).startsWith("exit 3: "));
    }

    @Test
    void onlyTheLastRunCountsAndWithoutAnErrorLineItsLastLineDoes() {
        List<String> log = new java.util.ArrayList<>(run("2026-12-06T21:29:00Z", "032c7454-48ae-4e52-9b7f-8a540eb424e0",
                "21:29:38.181"));
        log.addAll(List.of("==== 2026-12-06T21:31:00Z starting lakehouse-job: java ...",
                "21:31:02.000 INFO  [main] LakehouseJobMain - starting", "21:31:05.000 WARN  [main] Kafka - broker gone", ""));
        assertThat(FailureSignature.of(OptionalInt.of(1), log)).hasValue("exit 1: WARN Kafka - broker gone");
        assertThat(FailureSignature.of(OptionalInt.of(1), List.of("==== start"))).hasValue("exit 1: (no output)");
        assertThat(FailureSignature.of(OptionalInt.of(1), List.of("Error: Could not find or load main class X")))
                .hasValue("exit 1: Error: Could not find or load main class X");
    }

    @Test
    void exitsThatSayNothingAboutTheInputHaveNoSignature() {
        List<String> log = List.of("12:00:00.000 ERROR x - boom");
        assertThat(FailureSignature.of(OptionalInt.empty(), log)).as("adopted process: exit code unknown").isEmpty();
        assertThat(FailureSignature.of(OptionalInt.of(0), log)).isEmpty();
        assertThat(FailureSignature.of(OptionalInt.of(137), log)).as("SIGKILL").isEmpty();
        assertThat(FailureSignature.of(OptionalInt.of(143), log)).as("SIGTERM").isEmpty();
    }
}
