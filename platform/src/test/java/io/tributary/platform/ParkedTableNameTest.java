package io.tributary.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ParkedTableNameTest {

    @Test
    void aBareTableTakesTheDefaultSchemaAndAQualifiedOneKeepsItsOwn() {
        assertThat(ParkedTableName.of("orders", "shop")).isEqualTo(new ParkedTableName("shop", "orders"));
        assertThat(ParkedTableName.of("inventory.stock", "shop").qualified()).isEqualTo("inventory.stock");
        assertThat(ParkedTableName.of("inventory.stock", "shop").table()).isEqualTo("stock");
    }

    @Test
    void somethingThatIsNoTableNameIsRefusedWithTheForm() {
        for (String bad : new String[] {"", ".orders", "shop.", "a.b.c", "orders/../x", "or ders"}) {
            assertThatThrownBy(() -> ParkedTableName.of(bad, "shop")).as(bad)
                    .hasMessageContaining("give it as orders or shop.orders");
        }
    }
}
