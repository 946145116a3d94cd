package io.tributary.lakehouse.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowFingerprintTest {

    @Test
    void equalValuesGiveEqualFingerprints() {
        assertThat(RowFingerprint.of(List.of("a", "12.5"))).isEqualTo(RowFingerprint.of(List.of("a", "12.5")))
                .hasSize(32);
    }

    @Test
    void boundariesNullAndEmptyAreDistinguished() {
        assertThat(RowFingerprint.of(List.of("ab", "c"))).isNotEqualTo(RowFingerprint.of(List.of("a", "bc")));
        assertThat(RowFingerprint.of(Arrays.asList((String) null))).isNotEqualTo(RowFingerprint.of(List.of("")));
        assertThat(RowFingerprint.of(Arrays.asList((String) null))).isNotEqualTo(RowFingerprint.of(List.of("null")));
        assertThat(RowFingerprint.of(List.of("a", "b"))).isNotEqualTo(RowFingerprint.of(List.of("b", "a")));
    }

    @Test
    void keysArePrintableAndUnambiguous() {
        assertThat(RowFingerprint.key(List.of("42"))).isEqualTo("42");
        assertThat(RowFingerprint.key(List.of("a", "b"))).isEqualTo("a|b");
        assertThat(RowFingerprint.key(List.of("a|b"))).isNotEqualTo(RowFingerprint.key(List.of("a", "b")));
        assertThat(RowFingerprint.key(Arrays.asList("x", null))).isEqualTo("x|\\N");
    }
}
