package io.tributary.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VersionSpecTest {

    @Test
    void latestAndMinusOneMeanTheLatestVersion() {
        assertThat(VersionSpec.parse("latest").isLatest()).isTrue();
        assertThat(VersionSpec.parse("-1").isLatest()).isTrue();
        assertThat(VersionSpec.parse("1").number()).isEqualTo(1);
        assertThat(VersionSpec.parse("2147483647").number()).isEqualTo(Integer.MAX_VALUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-2", "2147483648", "LATEST", "1.0", "", "one"})
    void everythingElseIsError42202(String text) {
        assertThatThrownBy(() -> VersionSpec.parse(text))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(422);
                    assertThat(e.errorCode()).isEqualTo(42202);
                    assertThat(e.getMessage()).contains("'" + text + "'");
                });
    }
}
