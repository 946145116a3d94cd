package io.tributary.lakehouse.gold;

import io.tributary.lakehouse.cdc.Op;
import io.tributary.lakehouse.decode.TableLayout;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * Decoded change rows of {@code orders} and {@code products} (the lake job's {@link TableLayout#decodedSchema()},
 * projected to {@link #ORDER_COLUMNS}) as the gold windows read them. Pure: a row in,
 * a change out; a value the windows cannot use is an error naming the table, the order and the column.
 */
public final class OrderChangeRows {

    /** The columns of a decoded orders change the windows read, in this order. */
    public static final List<String> ORDER_COLUMNS = List.of(TableLayout.LSN, TableLayout.OP, TableLayout.BEFORE,
            TableLayout.AFTER);

    private OrderChangeRows() {
    }

    /** A change of {@code orders} from a row of {@link #ORDER_COLUMNS}; null for a truncate. */
    public static OrderChange order(Row row) {
        Op op = Op.fromCode(row.getString(1));
        if (op == Op.TRUNCATE) {
            return null;
        }
        long lsn = row.getLong(0);
        OrderImage before = row.isNullAt(2) ? null : image(row.getStruct(2), lsn);
        OrderImage after = row.isNullAt(3) ? null : image(row.getStruct(3), lsn);
        long orderId = after != null ? after.orderId() : before != null ? before.orderId() : -1;
        return new OrderChange(orderId, op, lsn, before, after);
    }

    static OrderImage image(Row r, long lsn) {
        long orderId = number(r, "order_id", "?", lsn).longValue();
        String id = Long.toString(orderId);
        return new OrderImage(orderId, number(r, "product_id", id, lsn).longValue(),
                number(r, "customer_id", id, lsn).longValue(), number(r, "quantity", id, lsn).longValue(),
                decimal(r, "unit_price", id, lsn), r.getAs("status"), instant(r, "ordered_at", id, lsn));
    }

    private static Object required(Row r, String column, String orderId, long lsn) {
        if (!Arrays.asList(r.schema().fieldNames()).contains(column)) {
            throw new IllegalArgumentException("orders (order " + orderId + ", LSN " + lsn + "): no column " + column
                    + " in the change; gold needs order_id, product_id, customer_id, quantity, unit_price, status"
                    + " and ordered_at");
        }
        Object value = r.getAs(column);
        if (value == null) {
            throw new IllegalArgumentException("orders (order " + orderId + ", LSN " + lsn + "): column " + column
                    + " is null; gold cannot place or weigh the order without it");
        }
        return value;
    }

    private static Number number(Row r, String column, String orderId, long lsn) {
        if (required(r, column, orderId, lsn) instanceof Number n) {
            return n;
        }
        throw wrongType(r, column, orderId, lsn, "a number");
    }

    private static BigDecimal decimal(Row r, String column, String orderId, long lsn) {
        Object v = required(r, column, orderId, lsn);
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        throw wrongType(r, column, orderId, lsn, "a decimal");
    }

    private static Instant instant(Row r, String column, String orderId, long lsn) {
        Object v = required(r, column, orderId, lsn);
        if (v instanceof Instant i) {
            return i;
        }
        if (v instanceof Timestamp t) {
            return t.toInstant();
        }
        throw wrongType(r, column, orderId, lsn, "a timestamp (timestamptz)");
    }

    private static IllegalArgumentException wrongType(Row r, String column, String orderId, long lsn, String expected) {
        return new IllegalArgumentException("orders (order " + orderId + ", LSN " + lsn + "): column " + column
                + " is " + r.getAs(column).getClass().getSimpleName() + ", expected " + expected);
    }
}
