package io.tributary.lakehouse.gold;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.lakehouse.cdc.Op;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The abandoned-order rule through {@link GoldWindows}: abandoned after 10 minutes, judged by the watermark (2
 * minutes behind the latest order time), so the clock is the stream itself.
 */
class AbandonedOrdersTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    private GoldWindows windows = new GoldWindows(Duration.ofMinutes(2), Duration.ofMinutes(5),
            Duration.ofMinutes(10));
    private long lsn = 100;

    private static Instant at(int minute) {
        return T0.plus(Duration.ofMinutes(minute));
    }

    private static OrderImage order(long id, String status, Instant at) {
        return new OrderImage(id, 1, 50 + id, 2, new BigDecimal("4.50"), status, at);
    }

    private BatchOutcome batch(OrderChange... changes) {
        return windows.apply(Map.of(), List.of(changes));
    }

    private OrderChange insert(OrderImage o) {
        return new OrderChange(o.orderId(), Op.CREATE, lsn++, null, o);
    }

    private OrderChange update(OrderImage before, OrderImage after) {
        return new OrderChange(after.orderId(), Op.UPDATE, lsn++, before, after);
    }

    /** An order at the given minute that only moves the clock (its status is no first one). */
    private OrderChange clock(long id, int minute) {
        return insert(order(id, "paid", at(minute)));
    }

    private static List<Long> ids(BatchOutcome out) {
        return out.abandoned().stream().map(a -> a.order().orderId()).toList();
    }

    @Test
    void anOrderStillPlacedWhenTheWatermarkPassesItsTimePlusTheDelayIsAbandonedOnce() {
        assertThat(ids(batch(insert(order(1, "placed", at(0)))))).isEmpty();
        assertThat(ids(batch(clock(90, 11)))).as("watermark 10:09, due 10:10").isEmpty();
        BatchOutcome due = batch(clock(91, 12));
        assertThat(ids(due)).containsExactly(1L);
        AbandonedOrder alert = due.abandoned().get(0);
        assertThat(alert.abandonedAt()).isEqualTo(at(10));
        assertThat(alert.watermark()).isEqualTo(at(10));
        assertThat(alert.order().unitPrice()).isEqualByComparingTo("4.50");

        assertThat(ids(batch(clock(92, 30)))).as("once").isEmpty();
        assertThat(ids(batch(update(order(1, "placed", at(0)),
                new OrderImage(1, 1, 51, 3, new BigDecimal("4.50"), "placed", at(0))))))
                .as("a later change of the order does not alert again").isEmpty();
    }

    @Test
    void aStatusStepADeleteOrACancelBeforeTheDeadlineMeansNoAlert() {
        OrderImage paid = order(1, "placed", at(0));
        OrderImage deleted = order(2, "placed", at(0));
        OrderImage cancelled = order(3, "placed", at(0));
        OrderImage abandoned = order(4, "placed", at(1));
        batch(insert(paid), insert(deleted), insert(cancelled), insert(abandoned));
        batch(update(paid, order(1, "paid", at(0))),
                new OrderChange(2, Op.DELETE, lsn++, deleted, null),
                update(cancelled, order(3, "cancelled", at(0))));

        assertThat(ids(batch(clock(90, 20)))).containsExactly(4L);
    }

    @Test
    void theSnapshotsPlacedOrdersAreCandidatesItsOthersNot() {
        BatchOutcome out = batch(new OrderChange(1, Op.READ, 5, null, order(1, "placed", at(0))),
                new OrderChange(2, Op.READ, 5, null, order(2, "shipped", at(0))),
                new OrderChange(3, Op.READ, 5, null, order(3, "placed", at(30))));
        assertThat(ids(out)).as("the watermark after the snapshot is 10:28: order 1 is long abandoned")
                .containsExactly(1L);
    }

    @Test
    void aReplayedInsertAndARestoredStateAlertNothingTwice() throws Exception {
        OrderChange first = insert(order(1, "placed", at(0)));
        batch(first, insert(order(2, "placed", at(5))));
        assertThat(ids(batch(clock(90, 12)))).containsExactly(1L);

        windows = roundTrip(windows); // the state as GoldStateStore stores and restores it
        assertThat(ids(batch(first, clock(91, 13)))).as("the replayed insert of order 1 is a duplicate").isEmpty();
        assertThat(ids(batch(clock(92, 17)))).as("order 2 stayed a candidate across the restore").containsExactly(2L);
    }

    private static GoldWindows roundTrip(GoldWindows w) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(w);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (GoldWindows) in.readObject();
        }
    }
}
