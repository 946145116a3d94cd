package io.tributary.simulator.load;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Naming rules: table name from a file name, and the primary key candidates of a table. */
public final class TableNames {

    private TableNames() {
    }

    /** "customers.csv" -> "customers" (raw, not yet validated). */
    public static String baseName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        if (dot > 0 && name.substring(dot).toLowerCase(Locale.ROOT).equals(".csv")) {
            return name.substring(0, dot);
        }
        return name;
    }

    /** English singular of a plural table name, for the common regular forms. */
    public static String singular(String table) {
        if (table.endsWith("ies") && table.length() > 3) {
            return table.substring(0, table.length() - 3) + "y";
        }
        if (table.endsWith("sses") || table.endsWith("xes") || table.endsWith("ches")
                || table.endsWith("shes") || table.endsWith("zes")) {
            return table.substring(0, table.length() - 2);
        }
        if (table.endsWith("s") && !table.endsWith("ss") && !table.endsWith("us") && !table.endsWith("is")
                && table.length() > 1) {
            return table.substring(0, table.length() - 1);
        }
        return table;
    }

    /** Primary key candidates in order of preference: id, table_id, singular_id. */
    public static List<String> primaryKeyCandidates(String table) {
        Set<String> candidates = new LinkedHashSet<>();
        candidates.add("id");
        candidates.add(table + "_id");
        candidates.add(singular(table) + "_id");
        return List.copyOf(candidates);
    }
}
