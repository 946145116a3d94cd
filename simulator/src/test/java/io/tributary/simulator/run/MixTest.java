package io.tributary.simulator.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MixTest {

    @Test
    void namedKindsOverrideDefaultsAndZeroSwitchesOff() {
        Mix mix = Mix.parse("order=50, burst=0");
        assertThat(mix.weight(ChangeKind.ORDER)).isEqualTo(50);
        assertThat(mix.weight(ChangeKind.BURST)).isZero();
        assertThat(mix.weight(ChangeKind.ADVANCE)).isEqualTo(Mix.defaultMix().weight(ChangeKind.ADVANCE));
    }

    @Test
    void picksInProportionToTheWeights() {
        Mix mix = Mix.parse("signup=1,order=3,advance=0,cancel=0,price=0,restock=0,move=0,erase=0,burst=0");
        Map<ChangeKind, Integer> counts = new EnumMap<>(ChangeKind.class);
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 40_000; i++) {
            counts.merge(mix.pick(random), 1, Integer::sum);
        }
        assertThat(counts).containsOnlyKeys(ChangeKind.SIGNUP, ChangeKind.ORDER);
        assertThat(counts.get(ChangeKind.ORDER) / (double) counts.get(ChangeKind.SIGNUP)).isBetween(2.8, 3.2);
    }

    @Test
    void badMixesNameTheProblem() {
        assertThatThrownBy(() -> Mix.parse("oder=5")).hasMessageContaining("unknown kind 'oder'; kinds are signup, order");
        assertThatThrownBy(() -> Mix.parse("order=-1")).hasMessageContaining("weight of order must be >= 0");
        assertThatThrownBy(() -> Mix.parse("order=x")).hasMessageContaining("whole number");
        assertThatThrownBy(() -> Mix.parse("order")).hasMessageContaining("'order' is not kind=weight");
        assertThatThrownBy(() -> Mix.parse("signup=0,order=0,advance=0,cancel=0,price=0,restock=0,move=0,erase=0,burst=0"))
                .hasMessageContaining("at least one kind");
    }
}
