package io.tributary.simulator.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ActionPlannerTest {

    private static ShopState shop() {
        return SampleShop.state();
    }

    private static List<String> plan(long seed, int count) {
        ActionPlanner planner = new ActionPlanner(seed, Mix.defaultMix(), new SharedSchema());
        ShopState state = shop();
        List<String> actions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            actions.add(planner.next(state).toString());
        }
        return actions;
    }

    @Test
    void theSameSeedPlansTheSameEvents() {
        assertThat(plan(42, 500)).isEqualTo(plan(42, 500)).isNotEqualTo(plan(43, 500));
    }

    @Test
    void everyKindOfTheMixIsPlanned() {
        ActionPlanner planner = new ActionPlanner(1, Mix.defaultMix(), new SharedSchema());
        ShopState state = shop();
        Set<ChangeKind> kinds = new HashSet<>();
        for (int i = 0; i < 3_000; i++) {
            kinds.add(planner.next(state).kind());
        }
        assertThat(kinds).containsExactlyInAnyOrder(ChangeKind.values());
    }

    @Test
    void withinOneTransactionAnOrderIsAdvancedAtMostOnce() {
        ActionPlanner planner = new ActionPlanner(7, Mix.parse("signup=0,order=0,advance=1,cancel=0,price=0,restock=0,"
                + "move=0,erase=0,burst=0"), new SharedSchema());
        ShopState state = shop();
        planner.startTransaction();
        Set<Long> advanced = new HashSet<>();
        for (int i = 0; i < 8; i++) {
            ShopAction action = planner.next(state);
            if (action instanceof ShopActions.Advance advance) {
                for (Long id : advance.orderIds()) {
                    assertThat(advanced.add(id)).as("order %d advanced twice in one transaction", id).isTrue();
                }
            }
        }
        assertThat(advanced).isNotEmpty();
    }

    @Test
    void basketsLockProductsInKeyOrderAndSignupsFollowTheSchema() {
        SharedSchema schema = new SharedSchema();
        ActionPlanner planner = new ActionPlanner(3, Mix.parse("signup=1,order=0,advance=0,cancel=0,price=0,restock=0,"
                + "move=0,erase=0,burst=1"), schema);
        ShopState state = shop();
        boolean sawBurst = false;
        for (int i = 0; i < 200; i++) {
            ShopAction action = planner.next(state);
            if (action instanceof ShopActions.PlaceOrders orders) {
                sawBurst = true;
                List<Long> products = orders.items().stream().map(ShopActions.Item::productId).toList();
                assertThat(products).isSorted();
                assertThat(orders.items()).hasSizeBetween(10, 40);
            } else if (action instanceof ShopActions.Signup signup) {
                assertThat(signup.marketingOptIn()).isNull();
                assertThat(signup.email()).matches("[a-z0-9]+\\.[a-z0-9]+\\.[a-z0-9]+@[a-z.]+");
            }
        }
        assertThat(sawBurst).isTrue();
        schema.marketingOptIn = true;
        ActionPlanner after = new ActionPlanner(3, Mix.parse("signup=1,order=0,advance=0,cancel=0,price=0,restock=0,"
                + "move=0,erase=0,burst=0"), schema);
        assertThat(((ShopActions.Signup) after.next(state)).marketingOptIn()).isNotNull();
    }
}
