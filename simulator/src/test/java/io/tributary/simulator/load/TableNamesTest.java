package io.tributary.simulator.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TableNamesTest {

    @ParameterizedTest
    @CsvSource({"customers,customer", "categories,category", "addresses,address", "boxes,box", "orders,order",
            "branches,branch", "status,status", "analysis,analysis", "glass,glass", "stock,stock", "s,s"})
    void singular(String plural, String singular) {
        assertThat(TableNames.singular(plural)).isEqualTo(singular);
    }

    @org.junit.jupiter.api.Test
    void primaryKeyCandidatesInOrderOfPreference() {
        assertThat(TableNames.primaryKeyCandidates("customers")).containsExactly("id", "customers_id", "customer_id");
        assertThat(TableNames.primaryKeyCandidates("stock")).containsExactly("id", "stock_id");
    }

    @org.junit.jupiter.api.Test
    void tableNameIsTheFileNameWithoutCsv() {
        assertThat(TableNames.baseName(Path.of("/data/customers.csv"))).isEqualTo("customers");
        assertThat(TableNames.baseName(Path.of("Orders.CSV"))).isEqualTo("Orders");
        assertThat(TableNames.baseName(Path.of("order items.csv"))).isEqualTo("order items");
    }
}
