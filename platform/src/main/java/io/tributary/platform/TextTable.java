package io.tributary.platform;

import java.util.List;

/** Rows of text as columns aligned two spaces apart, the last column unpadded, each line after {@code indent}. */
final class TextTable {
    private TextTable() {
    }

    static String render(List<String[]> rows, String indent) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder(indent);
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : row[i] + " ".repeat(widths[i] + 2 - row[i].length()));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
