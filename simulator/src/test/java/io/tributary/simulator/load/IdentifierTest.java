package io.tributary.simulator.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifierTest {

    @ParameterizedTest
    @ValueSource(strings = {"name", "_x", "customer_id", "Order", "a1", "order"})
    void acceptsSafeNamesFoldedToLowerCase(String raw) {
        assertThat(Identifier.parse(raw)).hasValueSatisfying(id -> {
            assertThat(id.name()).isEqualTo(raw.toLowerCase());
            assertThat(id.quoted()).isEqualTo("\"" + raw.toLowerCase() + "\"");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"name\"; DROP TABLE x; --", "", " ", "1abc", "first name", "prix-€", "größe", "a.b",
            "x\"", "semi;colon", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void refusesAnythingElse(String raw) {
        assertThat(Identifier.parse(raw)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void theConstructorRefusesUnfoldedOrUnsafeNames() {
        assertThatThrownBy(() -> new Identifier("Name")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Identifier("a\"b")).isInstanceOf(IllegalArgumentException.class);
    }
}
