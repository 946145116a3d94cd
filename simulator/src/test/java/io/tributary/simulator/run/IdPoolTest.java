package io.tributary.simulator.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IdPoolTest {

    @Test
    void addRemoveAndPickOnlyLiveIds() {
        IdPool pool = new IdPool();
        for (long id = 1; id <= 200; id++) {
            pool.add(id);
        }
        pool.add(5);
        for (long id = 1; id <= 200; id += 2) {
            assertThat(pool.remove(id)).isTrue();
        }
        assertThat(pool.remove(1)).isFalse();
        assertThat(pool.size()).isEqualTo(100);
        SplittableRandom random = new SplittableRandom(3);
        Set<Long> picked = new HashSet<>();
        for (int i = 0; i < 5_000; i++) {
            picked.add(pool.pick(random));
        }
        assertThat(picked).hasSize(100).allMatch(id -> id % 2 == 0);
    }

    @Test
    void picksAreRepeatableForTheSameHistory() {
        IdPool a = new IdPool();
        IdPool b = new IdPool();
        for (long id = 1; id <= 50; id++) {
            a.add(id);
            b.add(id);
        }
        a.remove(7);
        b.remove(7);
        SplittableRandom ra = new SplittableRandom(9);
        SplittableRandom rb = new SplittableRandom(9);
        for (int i = 0; i < 100; i++) {
            assertThat(a.pick(ra)).isEqualTo(b.pick(rb));
        }
    }
}
