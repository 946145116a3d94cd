package io.tributary.simulator.csv;

import java.nio.file.Path;

/**
 * A problem with an input CSV file that the user must fix. The message always names the file and,
 * when known, the line (1-based, physical line where the record starts) and the column.
 */
public final class CsvInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long line;
    private final String column;

    public CsvInputException(Path file, long line, String column, String problem) {
        this(file, line, column, problem, null);
    }

    public CsvInputException(Path file, long line, String column, String problem, Throwable cause) {
        super(format(file, line, column, problem), cause);
        this.file = file;
        this.line = line;
        this.column = column;
    }

    private static String format(Path file, long line, String column, String problem) {
        StringBuilder where = new StringBuilder(String.valueOf(file));
        if (line > 0) {
            where.append(" line ").append(line);
        }
        if (column != null) {
            where.append(", column ").append(column);
        }
        return where.append(": ").append(problem).toString();
    }

    public Path file() {
        return file;
    }

    /** Physical line number (1-based) or 0 when the problem concerns the whole file. */
    public long line() {
        return line;
    }

    /** Column description ("3 (price)") or null. */
    public String column() {
        return column;
    }
}
