package io.jsupervisor.service.ctl;

import java.util.ArrayList;
import java.util.List;

/**
 * Lays words out in columns, filled top to bottom, in as few rows as fit a width, two spaces
 * apart: the layout of Python's {@code cmd.Cmd.columnize}, which supervisorctl's {@code help} uses.
 *
 * <p>Stateless and thread-safe.
 */
final class Columns {
    private Columns() {
    }

    static List<String> layout(List<String> words, int width) {
        if (words.isEmpty()) {
            return List.of("<empty>");
        }
        int size = words.size();
        int rows = size;
        List<Integer> widths = List.of(0);
        for (int tryRows = 1; tryRows < size; tryRows++) {
            List<Integer> tryWidths = columnWidths(words, tryRows, width);
            if (tryWidths != null) {
                rows = tryRows;
                widths = tryWidths;
                break;
            }
        }
        List<String> lines = new ArrayList<>();
        for (int row = 0; row < rows; row++) {
            List<String> cells = new ArrayList<>();
            for (int col = 0; col < widths.size(); col++) {
                int i = row + rows * col;
                cells.add(i < size ? words.get(i) : "");
            }
            while (!cells.isEmpty() && cells.get(cells.size() - 1).isEmpty()) {
                cells.remove(cells.size() - 1);
            }
            for (int col = 0; col < cells.size(); col++) {
                cells.set(col, StatusTable.pad(cells.get(col), widths.get(col)));
            }
            lines.add(String.join("  ", cells));
        }
        return lines;
    }

    /** The column widths for {@code rows} rows, or null when they do not fit in {@code width}. */
    private static List<Integer> columnWidths(List<String> words, int rows, int width) {
        int columns = (words.size() + rows - 1) / rows;
        List<Integer> widths = new ArrayList<>();
        int total = -2;
        for (int col = 0; col < columns; col++) {
            int columnWidth = 0;
            for (int row = 0; row < rows && row + rows * col < words.size(); row++) {
                columnWidth = Math.max(columnWidth, words.get(row + rows * col).length());
            }
            widths.add(columnWidth);
            total += columnWidth + 2;
            if (total > width) {
                return null;
            }
        }
        return widths;
    }
}
