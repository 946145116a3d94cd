package io.tributary.simulator.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OrderStatusTest {

    @Test
    void movesOnlyForwardOneStepAtATime() {
        assertThat(OrderStatus.PLACED.next()).isEqualTo(OrderStatus.PAID);
        assertThat(OrderStatus.PAID.next()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(OrderStatus.SHIPPED.next()).isEqualTo(OrderStatus.DELIVERED);
        assertThatThrownBy(OrderStatus.DELIVERED::next).isInstanceOf(IllegalStateException.class);
        assertThat(OrderStatus.PAID.isForwardTo(OrderStatus.PLACED)).isFalse();
        assertThat(OrderStatus.of("shipped")).isEqualTo(OrderStatus.SHIPPED);
        assertThat(OrderStatus.PAID.cancellable()).isTrue();
        assertThat(OrderStatus.SHIPPED.cancellable()).isFalse();
    }
}
