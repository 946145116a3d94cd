package io.tributary.simulator.load;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything the loader decided about one CSV file before touching the database: the table name,
 * the columns with their types, and the primary key column.
 *
 * @param sampledRows 0 when the types were inferred from every record, else the number of records
 *                    inference read ({@code --infer-rows}); the load pass then validates the rest
 */
public record TableSpec(Path file, Identifier table, List<ColumnSpec> columns, int primaryKeyIndex,
                        long analysedRecords, long sampledRows) {

    public TableSpec {
        columns = List.copyOf(columns);
        if (primaryKeyIndex < 0 || primaryKeyIndex >= columns.size()) {
            throw new IllegalArgumentException("primary key index out of range: " + primaryKeyIndex);
        }
    }

    public ColumnSpec primaryKey() {
        return columns.get(primaryKeyIndex);
    }

    /** "3 (price)": 1-based position and name, as error messages show a column. */
    public String describeColumn(int index) {
        return (index + 1) + " (" + columns.get(index).name() + ")";
    }
}
