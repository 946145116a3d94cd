package io.tributary.simulator.run;

import io.tributary.simulator.load.Identifier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The three shop tables, quoted and schema-qualified, and the check that they have the columns the
 * simulator writes (the shape {@code simulator generate} produces).
 */
record ShopTables(Identifier schema) {

    static final String CUSTOMERS = "customers";
    static final String PRODUCTS = "products";
    static final String ORDERS = "orders";

    /** Checked in this order, so the first problem reported is always the same. */
    static final Map<String, List<String>> REQUIRED_COLUMNS = requiredColumns();

    private static Map<String, List<String>> requiredColumns() {
        Map<String, List<String>> required = new LinkedHashMap<>();
        required.put(CUSTOMERS, List.of("customer_id", "first_name", "last_name", "email", "city", "country",
                "signup_at", "loyalty_member", "updated_at"));
        required.put(PRODUCTS, List.of("product_id", "price", "stock", "updated_at"));
        required.put(ORDERS, List.of("order_id", "customer_id", "product_id", "quantity", "unit_price", "status",
                "ordered_at", "shipping_city", "gift_note", "updated_at"));
        return Collections.unmodifiableMap(required);
    }

    String customers() {
        return qualified(CUSTOMERS);
    }

    String products() {
        return qualified(PRODUCTS);
    }

    String orders() {
        return qualified(ORDERS);
    }

    String qualified(String table) {
        return schema.quoted() + "." + new Identifier(table).quoted();
    }

    /** Throws naming the missing table or column and how to get the right ones. */
    void verify(Connection c) throws SQLException {
        for (Map.Entry<String, List<String>> e : REQUIRED_COLUMNS.entrySet()) {
            Set<String> present = columns(c, e.getKey());
            if (present.isEmpty()) {
                throw new IllegalStateException("table " + schema + "." + e.getKey() + " does not exist;"
                        + " run `simulator load` first (on csv-data/ or files from `simulator generate`)");
            }
            for (String column : e.getValue()) {
                if (!present.contains(column)) {
                    throw new IllegalStateException("table " + schema + "." + e.getKey() + " has no column " + column
                            + "; `simulator run` needs the shop tables as `simulator generate` writes them");
                }
            }
        }
    }

    Set<String> columns(Connection c, String table) throws SQLException {
        Set<String> names = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = ? AND table_name = ?")) {
            ps.setString(1, schema.name());
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }
}
