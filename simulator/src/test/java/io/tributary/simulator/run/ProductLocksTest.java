package io.tributary.simulator.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProductLocksTest {

    @Test
    void plannedProductsAreEveryUpdatedProductInKeyOrderOnce() {
        List<ShopAction> actions = List.of(
                new ShopActions.Restock(42, 10),
                new ShopActions.PlaceOrders(ChangeKind.ORDER, List.of(new ShopActions.Item(1, 7, 1, null),
                        new ShopActions.Item(1, 42, 2, null))),
                new ShopActions.Price(3, new BigDecimal("1.05")),
                new ShopActions.Cancel(900),
                new ShopActions.Move(1, "Oslo", "NO", null));
        assertThat(ProductLocks.plannedProducts(actions)).containsExactly(3L, 7L, 42L);
        assertThat(ProductLocks.cancelledOrders(actions)).containsExactly(900L);
    }

    @Test
    void eventsWithoutProductsLockNothing() {
        List<ShopAction> actions = List.of(new ShopActions.Erase(5), new ShopActions.Advance(List.of(1L), List.of(OrderStatus.PLACED)));
        assertThat(ProductLocks.plannedProducts(actions)).isEmpty();
        assertThat(ProductLocks.cancelledOrders(actions)).isEmpty();
    }
}
