package io.tributary.platform.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TraceKeyTest {
    @Test
    void aBareValueMatchesAOneColumnKey() {
        assertThat(new TraceKey("42").match(Map.of("order_id", "42"))).contains(Map.of("order_id", "42"));
        assertThat(new TraceKey("42").match(Map.of("order_id", "43"))).isEmpty();
    }

    @Test
    void pairsMatchACompositeKeyInAnyOrder() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("shop", "7");
        fields.put("order_id", "42");
        assertThat(new TraceKey("order_id=42, shop=7").match(fields)).contains(Map.of("order_id", "42", "shop", "7"));
        assertThat(new TraceKey("order_id=42,shop=8").match(fields)).isEmpty();
    }

    @Test
    void aKeyThatCannotNameTheTablesKeySaysWhichColumnsItHas() {
        Map<String, String> fields = Map.of("shop", "7", "order_id", "42");
        assertThatThrownBy(() -> new TraceKey("42").match(fields)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("column=value").hasMessageContaining("order_id");
        assertThatThrownBy(() -> new TraceKey("id=42").match(Map.of("order_id", "42")))
                .hasMessageContaining("[id]").hasMessageContaining("[order_id]");
        assertThatThrownBy(() -> new TraceKey(" ")).hasMessageContaining("<key> is empty");
    }
}
