package io.tributary.simulator.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShopEventsTest {

    @Test
    void everyKindHasOneRowInKindOrder() {
        assertThat(ShopEvents.ALL).extracting(ShopEvents.Event::kind).containsExactly(ChangeKind.values());
    }

    @Test
    void theDefaultMixIsTheTablesWeights() {
        for (ShopEvents.Event event : ShopEvents.ALL) {
            assertThat(Mix.defaultMix().weight(event.kind())).as(event.kind().key()).isEqualTo(event.defaultWeight());
        }
        // the same defaults are spelled out in the help of run --mix
        assertThat(Mix.defaultMix()).hasToString("signup=6,order=24,advance=45,cancel=4,price=5,restock=4,move=6,"
                + "erase=1,burst=1");
    }
}
