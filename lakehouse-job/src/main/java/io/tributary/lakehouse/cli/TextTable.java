package io.tributary.lakehouse.cli;

import java.util.ArrayList;
import java.util.List;

/** Renders rows as a plain-text table with a header, column widths fitted to the content. */
public final class TextTable {

    private TextTable() {
    }

    public static String render(List<String> header, List<List<Object>> rows) {
        int[] width = new int[header.size()];
        List<List<String>> cells = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            width[i] = header.get(i).length();
        }
        for (List<Object> row : rows) {
            List<String> line = new ArrayList<>();
            for (int i = 0; i < header.size(); i++) {
                String text = row.get(i) == null ? "NULL" : row.get(i).toString();
                line.add(text);
                width[i] = Math.max(width[i], text.length());
            }
            cells.add(line);
        }
        StringBuilder sb = new StringBuilder();
        appendLine(sb, header, width);
        for (int i = 0; i < width.length; i++) {
            sb.append(i == 0 ? "" : "-+-").append("-".repeat(width[i]));
        }
        sb.append('\n');
        cells.forEach(line -> appendLine(sb, line, width));
        sb.append('(').append(rows.size()).append(rows.size() == 1 ? " row)\n" : " rows)\n");
        return sb.toString();
    }

    private static void appendLine(StringBuilder sb, List<String> cells, int[] width) {
        for (int i = 0; i < cells.size(); i++) {
            sb.append(i == 0 ? "" : " | ").append(cells.get(i)).append(" ".repeat(width[i] - cells.get(i).length()));
        }
        sb.append('\n');
    }
}
