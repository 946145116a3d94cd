package io.tributary.lakehouse.gold;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The rows of the gold tables: one schema per table, and a batch's outcome as rows of it. A window whose totals
 * became zero is a row with {@code _delete} true: the sinks remove it, as a recomputation has no such group.
 * A session's {@code changes} are its counting orders.
 */
public final class GoldRows {

    /** Revenue: quantity * unit_price summed exactly; 38 digits, 6 of them after the point. */
    public static final org.apache.spark.sql.types.DecimalType REVENUE = DataTypes.createDecimalType(38, 6);
    public static final String DELETE = "_delete";

    public static final StructType REVENUE_BY_CATEGORY = new StructType()
            .add("window_start", DataTypes.TimestampType, false)
            .add("window_end", DataTypes.TimestampType, false)
            .add("category", DataTypes.StringType, false)
            .add("orders", DataTypes.LongType, false)
            .add("units", DataTypes.LongType, false)
            .add("revenue", REVENUE, false);

    public static final StructType TOP_PRODUCTS = new StructType()
            .add("window_start", DataTypes.TimestampType, false)
            .add("window_end", DataTypes.TimestampType, false)
            .add("product_id", DataTypes.LongType, false)
            .add("units", DataTypes.LongType, false)
            .add("revenue", REVENUE, false);

    public static final StructType CUSTOMER_SESSIONS = new StructType()
            .add("customer_id", DataTypes.LongType, false)
            .add("session_start", DataTypes.TimestampType, false)
            .add("session_end", DataTypes.TimestampType, false)
            .add("changes", DataTypes.LongType, false)
            .add("revenue", REVENUE, false);

    public static final StructType LATE_CHANGES = new StructType()
            .add("order_id", DataTypes.LongType, false)
            .add("op", DataTypes.StringType, false)
            .add("lsn", DataTypes.LongType, false)
            .add("snapshot", DataTypes.BooleanType, false)
            .add("gold_table", DataTypes.StringType, false)
            .add("window_start", DataTypes.TimestampType, false)
            .add("window_end", DataTypes.TimestampType, false)
            .add("group_key", DataTypes.StringType, false)
            .add("orders", DataTypes.LongType, false)
            .add("units", DataTypes.LongType, false)
            .add("revenue", REVENUE, false)
            .add("event_time", DataTypes.TimestampType, false)
            .add("watermark", DataTypes.TimestampType, true)
            .add("batch_id", DataTypes.LongType, false);

    private GoldRows() {
    }

    /** The schema of a windowed table. */
    public static StructType schemaOf(GoldTable table) {
        return switch (table) {
            case REVENUE_BY_CATEGORY_1M -> REVENUE_BY_CATEGORY;
            case TOP_PRODUCTS_5M -> TOP_PRODUCTS;
            case CUSTOMER_SESSIONS -> CUSTOMER_SESSIONS;
        };
    }

    /** The key columns of a windowed table (window_end follows from window_start; a session's end may grow). */
    public static List<String> keyOf(GoldTable table) {
        return switch (table) {
            case REVENUE_BY_CATEGORY_1M -> List.of("window_start", "category");
            case TOP_PRODUCTS_5M -> List.of("window_start", "product_id");
            case CUSTOMER_SESSIONS -> List.of("customer_id", "session_start");
        };
    }

    /** The changed windows of one table, with {@link #DELETE} appended to the table's schema. */
    public static List<Row> windows(GoldTable table, Map<WindowKey, Totals> windows) {
        List<Row> rows = new ArrayList<>();
        windows.forEach((key, totals) -> {
            if (key.table() != table) {
                return;
            }
            Object revenue = totals.revenue().setScale(REVENUE.scale());
            if (key instanceof WindowKey.CategoryWindow c) {
                rows.add(RowFactory.create(c.start(), c.end(), c.category(), totals.orders(), totals.units(), revenue,
                        totals.isZero()));
            } else if (key instanceof WindowKey.ProductWindow p) {
                rows.add(RowFactory.create(p.start(), p.end(), p.productId(), totals.units(), revenue, totals.isZero()));
            } else if (key instanceof WindowKey.SessionWindow w) {
                rows.add(RowFactory.create(w.customerId(), w.start(), w.end(), totals.orders(), revenue,
                        totals.isZero()));
            }
        });
        return rows;
    }

    public static StructType withDelete(StructType schema) {
        return schema.add(DELETE, DataTypes.BooleanType, false);
    }

    public static List<Row> late(List<LateChange> late, long batchId) {
        List<Row> rows = new ArrayList<>(late.size());
        for (LateChange l : late) {
            rows.add(RowFactory.create(l.orderId(), l.op(), l.position().lsn(), l.position().snapshot(),
                    l.window().table().tableName(), l.window().start(), l.window().end(), l.window().group(),
                    l.delta().orders(), l.delta().units(), l.delta().revenue().setScale(REVENUE.scale()),
                    l.eventTime(), l.watermark(), batchId));
        }
        return rows;
    }
}
