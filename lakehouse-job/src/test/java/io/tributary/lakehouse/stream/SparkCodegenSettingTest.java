package io.tributary.lakehouse.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.lakehouse.config.LakehouseConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Whole-stage code generation is off for CDC-sized batches; a user's own setting of it (--set, the properties file) wins. */
class SparkCodegenSettingTest {

    @Test
    void wholeStageCodegenIsOffUnlessTheUserTurnsItOn() {
        assertThat(SparkSessions.settings(LakehouseConfig.load(Map.of(), Map.of(), Map.of()), false))
                .containsEntry(SparkSessions.WHOLE_STAGE_CODEGEN, "false");
        assertThat(SparkSessions.settings(LakehouseConfig.load(Map.of(), Map.of(),
                Map.of(SparkSessions.WHOLE_STAGE_CODEGEN, "true")), false)).containsEntry(SparkSessions.WHOLE_STAGE_CODEGEN, "true");
    }

    @Test
    void projectionsAreInterpretedAndAdaptiveExecutionIsOffUnlessTheUserSaysOtherwise() {
        assertThat(SparkSessions.settings(LakehouseConfig.load(Map.of(), Map.of(), Map.of()), false))
                .containsEntry(SparkSessions.CODEGEN_FACTORY_MODE, "NO_CODEGEN")
                .containsEntry(SparkSessions.ADAPTIVE_EXECUTION, "false");
        assertThat(SparkSessions.settings(LakehouseConfig.load(Map.of(), Map.of(),
                Map.of(SparkSessions.CODEGEN_FACTORY_MODE, "FALLBACK", SparkSessions.ADAPTIVE_EXECUTION, "true")), false))
                .containsEntry(SparkSessions.CODEGEN_FACTORY_MODE, "FALLBACK")
                .containsEntry(SparkSessions.ADAPTIVE_EXECUTION, "true");
    }
}
