package io.tributary.lakehouse.gold;

import java.io.Serializable;
import java.time.Instant;

/**
 * A window of one gold table and the group it aggregates: [start, end) per category, per product or per customer
 * (a session: its first order time, its last plus the gap).
 */
public sealed interface WindowKey extends Serializable permits WindowKey.CategoryWindow, WindowKey.ProductWindow,
        WindowKey.SessionWindow {

    Instant start();

    Instant end();

    /** The gold table the window belongs to. */
    GoldTable table();

    /** The group as text (the category, or the product id), for logs and the late-changes table. */
    String group();

    /** A tumbling 1-minute window of one product category ({@code revenue_by_category_1m}). */
    record CategoryWindow(Instant start, Instant end, String category) implements WindowKey {
        @Override
        public GoldTable table() {
            return GoldTable.REVENUE_BY_CATEGORY_1M;
        }

        @Override
        public String group() {
            return category;
        }
    }

    /** A sliding 5-minute window of one product ({@code top_products_5m}). */
    record ProductWindow(Instant start, Instant end, long productId) implements WindowKey {
        @Override
        public GoldTable table() {
            return GoldTable.TOP_PRODUCTS_5M;
        }

        @Override
        public String group() {
            return Long.toString(productId);
        }
    }

    /**
     * A session of one customer ({@code customer_sessions}): from the first order of the session to the last plus the
     * session gap. The sinks key it by customer and start; the end grows as the session does.
     */
    record SessionWindow(Instant start, Instant end, long customerId) implements WindowKey {
        @Override
        public GoldTable table() {
            return GoldTable.CUSTOMER_SESSIONS;
        }

        @Override
        public String group() {
            return Long.toString(customerId);
        }
    }
}
