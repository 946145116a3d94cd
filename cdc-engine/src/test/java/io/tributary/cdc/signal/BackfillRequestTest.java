package io.tributary.cdc.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class BackfillRequestTest {
    @Test
    void aCapturedTableBecomesAnIncrementalSnapshotSignalOfThatTableOnly() throws Exception {
        BackfillRequest r = BackfillRequest.of("shop.orders", List.of("shop", "billing"));
        assertThat(r.table()).isEqualTo("shop.orders");
        assertThat(r.id()).startsWith("backfill-").hasSizeLessThanOrEqualTo(64);
        JsonNode data = new ObjectMapper().readTree(r.data());
        assertThat(data.get("type").asText()).isEqualTo("incremental");
        assertThat(data.get("data-collections")).hasSize(1);
        assertThat(data.get("data-collections").get(0).asText()).isEqualTo("shop.orders");
        assertThat(BackfillRequest.of("shop.orders", List.of("shop")).id()).as("each request its own id").isNotEqualTo(r.id());
    }

    @Test
    void aTableOutsideTheCapturedSchemasOrNotOfTheFormSchemaDotTableIsRefusedSayingWhatToPass() {
        assertThatThrownBy(() -> BackfillRequest.of("billing.invoices", List.of("shop")))
                .hasMessageContaining("billing.invoices is not in a captured schema")
                .hasMessageContaining("tributary.cdc.schemas");
        assertThatThrownBy(() -> BackfillRequest.of("orders", List.of("shop")))
                .hasMessageContaining("'orders' is not a table name of the form schema.table").hasMessageContaining("shop.orders");
        assertThatThrownBy(() -> BackfillRequest.of("shop.orders\"]}", List.of("shop")))
                .as("nothing that could break out of the signal's JSON").hasMessageContaining("not a table name");
        assertThatThrownBy(() -> BackfillRequest.of("shop.a.b", List.of("shop"))).hasMessageContaining("not a table name");
    }
}
