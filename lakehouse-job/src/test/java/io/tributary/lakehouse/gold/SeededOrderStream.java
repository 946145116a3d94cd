package io.tributary.lakehouse.gold;

import static io.tributary.lakehouse.gold.OrderChanges.delete;
import static io.tributary.lakehouse.gold.OrderChanges.insert;
import static io.tributary.lakehouse.gold.OrderChanges.update;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded stream of order changes for the window tests, in source order: half inserts, updates of product, quantity
 * and status (the order time kept), deletes; event times up to a bound behind the batch's clock. It keeps the final
 * rows, what a recomputation reads.
 */
final class SeededOrderStream {

    private static final String[] STATUSES = {"placed", "paid", "shipped", "cancelled"};

    private final Random random;
    private final int products;
    private final int maxPrice;
    private final Map<Long, OrderImage> table = new HashMap<>();
    private long lsn = 1;
    private long nextId = 1;

    /** Orders of products 1..products at unit prices below maxPrice + 1. */
    SeededOrderStream(long seed, int products, int maxPrice) {
        this.random = new Random(seed);
        this.products = products;
        this.maxPrice = maxPrice;
    }

    /** The next changes, their event times up to {@code maxBehindSeconds} (exclusive) before {@code clock}. */
    List<OrderChange> next(int count, Instant clock, int maxBehindSeconds) {
        List<OrderChange> changes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant eventTime = clock.minusSeconds(random.nextInt(maxBehindSeconds));
            int kind = random.nextInt(10);
            List<Long> ids = new ArrayList<>(table.keySet());
            if (kind < 5 || ids.isEmpty()) {
                OrderImage image = GoldWindowsTest.order(nextId++, 1 + random.nextInt(products), 1 + random.nextInt(5),
                        (1 + random.nextInt(maxPrice)) + "." + random.nextInt(100), "placed", eventTime);
                table.put(image.orderId(), image);
                changes.add(insert(lsn++, image));
            } else if (kind < 9) {
                OrderImage before = table.get(ids.get(random.nextInt(ids.size())));
                OrderImage after = new OrderImage(before.orderId(), 1 + random.nextInt(products), before.customerId(),
                        1 + random.nextInt(5), before.unitPrice(), STATUSES[random.nextInt(STATUSES.length)],
                        before.orderedAt());
                table.put(after.orderId(), after);
                changes.add(update(lsn++, before, after));
            } else {
                changes.add(delete(lsn++, table.remove(ids.get(random.nextInt(ids.size())))));
            }
        }
        return changes;
    }

    /** One of the given changes, drawn from the same seed (a replay). */
    OrderChange pick(List<OrderChange> sent) {
        return sent.get(random.nextInt(sent.size()));
    }

    /** The rows as they are after every change so far. */
    Iterable<OrderImage> finalRows() {
        return table.values();
    }
}
