package io.tributary.platform.trace;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LsnTextTest {
    @Test
    void rendersAsPostgresPrintsPgLsn() {
        assertThat(LsnText.of(28568008L)).isEqualTo("0/1B3E9C8");
        assertThat(LsnText.of(0L)).isEqualTo("0/0");
        assertThat(LsnText.of((0x16L << 32) | 0xB374D848L)).isEqualTo("16/B374D848");
        assertThat(LsnText.of(-1L)).isEqualTo("FFFFFFFF/FFFFFFFF");
    }
}
