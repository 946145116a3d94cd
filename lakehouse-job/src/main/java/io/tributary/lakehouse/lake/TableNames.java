package io.tributary.lakehouse.lake;

import java.util.Locale;

/** Maps a CDC topic ({@code <prefix>.<schema>.<table>}) to the lake table name. */
public final class TableNames {

    private final String prefix;
    private final String schema;

    public TableNames(String topicPrefix, String sourceSchema) {
        this.prefix = topicPrefix + ".";
        this.schema = sourceSchema + ".";
    }

    /** {@code tributary.shop.orders -> orders}; another schema or prefix keeps its parts joined by '_'. */
    public String tableOf(String topic) {
        String rest = topic.startsWith(prefix) ? topic.substring(prefix.length()) : topic;
        if (rest.startsWith(schema)) {
            rest = rest.substring(schema.length());
        }
        String name = rest.replaceAll("[^A-Za-z0-9_]", "_").toLowerCase(Locale.ROOT);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("topic '" + topic + "' names no table");
        }
        return name;
    }
}
