package io.tributary.simulator.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every key has exactly one owner, and the loaded keys spread evenly over the workers. */
class KeyPartitionTest {

    @Test
    void everyKeyIsOwnedByExactlyOneWorker() {
        for (int workers : List.of(1, 2, 3, 4, 8, 64)) {
            for (long key = -50; key <= 5_000; key++) {
                int owners = 0;
                for (int i = 0; i < workers; i++) {
                    if (new KeyPartition(i, workers).owns(key)) {
                        owners++;
                        assertThat(KeyPartition.owner(key, workers)).isEqualTo(i);
                    }
                }
                assertThat(owners).as("owners of key %d among %d workers", key, workers).isEqualTo(1);
            }
        }
        assertThat(KeyPartition.owner(-1, 4)).isEqualTo(3);
        assertThat(KeyPartition.owner(Long.MAX_VALUE, 7)).isBetween(0, 6);
    }

    @Test
    void theShopsKeysSpreadEvenly() {
        // csv-data/: customers 1..1,200 and products 1..240
        Map<Integer, Integer> customers = new HashMap<>();
        for (long id = 1; id <= 1_200; id++) {
            customers.merge(KeyPartition.owner(id, 8), 1, Integer::sum);
        }
        assertThat(customers).hasSize(8).allSatisfy((w, n) -> assertThat(n).isEqualTo(150));
        Map<Integer, Integer> products = new HashMap<>();
        for (long id = 1; id <= 240; id++) {
            products.merge(KeyPartition.owner(id, 7), 1, Integer::sum);
        }
        assertThat(products).hasSize(7).allSatisfy((w, n) -> assertThat(n).isBetween(34, 35));
    }

    @Test
    void aWorkerOutsideTheRunIsRefused() {
        assertThatThrownBy(() -> new KeyPartition(4, 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("worker 4 of 4 does not exist");
        assertThatThrownBy(() -> new KeyPartition(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
