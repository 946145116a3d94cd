package io.tributary.simulator.csv;

import java.util.List;

/**
 * One data record of a CSV file. {@code line} is the physical line where the record starts (a quoted
 * field may span several lines). Empty cells are {@code null}.
 */
public record CsvRecord(long line, List<String> values) {

    public String get(int column) {
        return values.get(column);
    }
}
