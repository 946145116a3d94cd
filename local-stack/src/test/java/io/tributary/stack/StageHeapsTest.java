package io.tributary.stack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StageHeapsTest {

    @Test
    void eachOptionOfAStageIsItsOwnArgument() {
        assertThat(StageHeaps.options(StageHeaps.LAKEHOUSE_JOB))
                .containsExactly("-Xmx640m", "-XX:+UseSerialGC", "-XX:ReservedCodeCacheSize=128m");
        assertThat(StageHeaps.options(StageHeaps.CDC_ENGINE)).containsExactly("-Xmx384m");
    }
}
