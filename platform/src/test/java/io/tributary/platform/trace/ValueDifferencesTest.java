package io.tributary.platform.trace;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ValueDifferencesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void numbersTimestampsAndTextCompareByMeaning() throws Exception {
        var postgres = JSON.readTree("{\"order_id\": 42, \"unit_price\": 12.5, \"status\": \"paid\", \"gift_note\": null,"
                + " \"updated_at\": \"2024-01-01T10:00:00+01:00\", \"ordered_at\": \"2024-01-01T08:00:00.5\","
                + " \"day\": \"2024-04-07\"}");
        var silver = JSON.readTree("{\"order_id\": 42, \"unit_price\": 12.50, \"status\": \"paid\", \"gift_note\": null,"
                + " \"updated_at\": \"2024-01-01T09:00:00.000Z\", \"ordered_at\": \"2024-01-01T08:00:00.500Z\","
                + " \"day\": \"2024-04-07\", \"dropped_in_postgres\": 1}");
        assertThat(ValueDifferences.of(postgres, silver)).isEmpty();
    }

    @Test
    void differentValuesAndMissingColumnsAreNamed() throws Exception {
        var postgres = JSON.readTree("{\"order_id\": 42, \"unit_price\": 12.5, \"status\": \"shipped\", \"gift_note\": \"hi\","
                + " \"updated_at\": \"2024-01-01T10:00:00+01:00\", \"new_column\": 3}");
        var silver = JSON.readTree("{\"order_id\": 42, \"unit_price\": 12.51, \"status\": \"paid\", \"gift_note\": null,"
                + " \"updated_at\": \"2024-01-01T10:00:00.000Z\"}");
        assertThat(ValueDifferences.of(postgres, silver))
                .containsExactly("unit_price", "status", "gift_note", "updated_at", "new_column");
    }
}
