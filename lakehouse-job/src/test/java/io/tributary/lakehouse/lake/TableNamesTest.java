package io.tributary.lakehouse.lake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TableNamesTest {

    private final TableNames names = new TableNames("tributary", "shop");

    @Test
    void topicOfTheSourceSchemaGivesTheTableName() {
        assertThat(names.tableOf("tributary.shop.orders")).isEqualTo("orders");
        assertThat(names.tableOf("tributary.shop.order_items")).isEqualTo("order_items");
    }

    @Test
    void otherSchemasKeepTheirNameJoinedByUnderscore() {
        assertThat(names.tableOf("tributary.billing.invoices")).isEqualTo("billing_invoices");
        assertThat(names.tableOf("other.shop.x")).isEqualTo("other_shop_x");
    }
}
