package io.tributary.simulator.load;

import io.tributary.simulator.csv.CsvInputException;
import io.tributary.simulator.csv.CsvRecord;

/**
 * Second pass, per record: checks every value against its column's type and writes the record in
 * PostgreSQL's COPY CSV format (every non-null value quoted, so COPY's end-of-data marker and
 * embedded quotes, commas and line breaks cannot be misread; an unquoted empty field is NULL).
 */
public final class CopyRowEncoder {

    private final TableSpec spec;

    public CopyRowEncoder(TableSpec spec) {
        this.spec = spec;
    }

    /** Appends {@code record} to {@code out} or throws naming the file, line and column of a bad value. */
    public void encode(CsvRecord record, StringBuilder out) {
        int width = spec.columns().size();
        for (int i = 0; i < width; i++) {
            String value = record.get(i);
            ColumnSpec column = spec.columns().get(i);
            String problem = ValueValidator.problem(column.type(), value);
            if (problem != null) {
                throw new CsvInputException(spec.file(), record.line(), spec.describeColumn(i),
                        problem + hint(column));
            }
            if (i > 0) {
                out.append(',');
            }
            if (value != null) {
                out.append('"');
                appendEscaped(value, out);
                out.append('"');
            }
        }
        out.append('\n');
    }

    private String hint(ColumnSpec column) {
        String fix = "; fix the value";
        if (column.explicit()) {
            return " (type set by --types " + spec.table() + "." + column.name() + "=" + column.type() + ")" + fix
                    + " or change --types";
        }
        if (spec.sampledRows() > 0) {
            return " (type inferred from the first " + spec.sampledRows() + " records)" + fix
                    + ", raise --infer-rows (0 = all) or set --types " + spec.table() + "." + column.name() + "=<type>";
        }
        return fix;
    }

    private static void appendEscaped(String value, StringBuilder out) {
        int from = 0;
        int quote;
        while ((quote = value.indexOf('"', from)) >= 0) {
            out.append(value, from, quote + 1).append('"');
            from = quote + 1;
        }
        out.append(value, from, value.length());
    }
}
