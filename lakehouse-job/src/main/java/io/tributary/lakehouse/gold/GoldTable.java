package io.tributary.lakehouse.gold;

import java.time.Duration;

/** The windowed gold tables: their name (Delta {@code <lake>/gold/<name>}, PostgreSQL {@code serving.<name>}) and windows. */
public enum GoldTable {
    REVENUE_BY_CATEGORY_1M("revenue_by_category_1m", WindowSpec.tumbling(Duration.ofMinutes(1))),
    TOP_PRODUCTS_5M("top_products_5m", WindowSpec.sliding(Duration.ofMinutes(5), Duration.ofMinutes(1)));

    private final String tableName;
    private final WindowSpec windows;

    GoldTable(String tableName, WindowSpec windows) {
        this.tableName = tableName;
        this.windows = windows;
    }

    public String tableName() {
        return tableName;
    }

    public WindowSpec windows() {
        return windows;
    }
}
