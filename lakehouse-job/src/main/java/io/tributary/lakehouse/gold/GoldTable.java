package io.tributary.lakehouse.gold;

import java.time.Duration;

/**
 * The windowed gold tables: their name (Delta {@code <lake>/gold/<name>}, PostgreSQL {@code serving.<name>}) and
 * their fixed windows; session windows have none (their extent follows the orders, {@link CustomerSessions}).
 */
public enum GoldTable {
    REVENUE_BY_CATEGORY_1M("revenue_by_category_1m", WindowSpec.tumbling(Duration.ofMinutes(1))),
    TOP_PRODUCTS_5M("top_products_5m", WindowSpec.sliding(Duration.ofMinutes(5), Duration.ofMinutes(1))),
    CUSTOMER_SESSIONS("customer_sessions", null);

    private final String tableName;
    private final WindowSpec windows;

    GoldTable(String tableName, WindowSpec windows) {
        this.tableName = tableName;
        this.windows = windows;
    }

    /** The table of that name; an unknown name is an error listing the known ones. */
    public static GoldTable named(String name) {
        for (GoldTable t : values()) {
            if (t.tableName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("no gold table '" + name + "'; gold has "
                + java.util.Arrays.stream(values()).map(GoldTable::tableName).toList());
    }

    public String tableName() {
        return tableName;
    }

    /** The fixed windows; null for {@link #CUSTOMER_SESSIONS}. */
    public WindowSpec windows() {
        return windows;
    }
}
