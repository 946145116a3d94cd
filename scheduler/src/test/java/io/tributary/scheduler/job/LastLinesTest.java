package io.tributary.scheduler.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LastLinesTest {

    @Test
    void keepsTheLastNonBlankLinesInOrder() {
        assertThat(LastLines.of("one\ntwo\n\nthree\nfour\n\n", 3)).isEqualTo("two\nthree\nfour");
        assertThat(LastLines.of("only\n", 20)).isEqualTo("only");
        assertThat(LastLines.of("", 20)).isEmpty();
    }

    @Test
    void cutsALongLine() {
        String line = "x".repeat(LastLines.MAX_LINE + 50);
        assertThat(LastLines.of(line, 1)).hasSize(LastLines.MAX_LINE + 4).endsWith("x ...");
    }
}
