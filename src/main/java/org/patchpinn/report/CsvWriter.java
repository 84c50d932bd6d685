package org.patchpinn.report;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes a {@link Table} as RFC-4180 CSV; empty cells for missing values and NaN. */
public final class CsvWriter {
    private CsvWriter() {
    }

    public static void write(Table table, Writer out) throws IOException {
        List<String> cols = table.columns();
        write(cols, table.rowCount(), (r, c) -> cell(table.get(r, cols.get(c))), out);
    }

    /**
     * Numeric columns of one length as CSV, row by row, in the format of {@link #write(Table, Writer)}, without a
     * {@link Table}: a table holds each cell as an object (about 1 kB a row of 14 columns), and a simulated 3 s
     * sweep at 200 kHz has 600,000 rows.
     */
    public static void write(Map<String, double[]> columns, Writer out) throws IOException {
        List<double[]> cols = List.copyOf(columns.values());
        int rows = cols.isEmpty() ? 0 : cols.get(0).length;
        for (double[] c : cols) {
            if (c.length != rows) {
                throw new IllegalArgumentException("columns of different lengths: " + c.length + " and " + rows);
            }
        }
        write(List.copyOf(columns.keySet()), rows, (r, c) -> number(cols.get(c)[r]), out);
    }

    /** A cell's text by row and column. */
    private interface Cells {
        String at(int row, int column);
    }

    private static void write(List<String> columns, int rows, Cells cells, Writer out) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < columns.size(); c++) {
            if (c > 0) {
                line.append(',');
            }
            line.append(quote(columns.get(c)));
        }
        out.write(line.append('\n').toString());
        for (int r = 0; r < rows; r++) {
            line.setLength(0);
            for (int c = 0; c < columns.size(); c++) {
                if (c > 0) {
                    line.append(',');
                }
                line.append(cells.at(r, c));
            }
            out.write(line.append('\n').toString());
        }
    }

    static String cell(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Number n) {
            return number(n.doubleValue());
        }
        return quote(v.toString());
    }

    /** Shortest text that reads back as the same double; empty for NaN. */
    public static String number(double d) {
        if (Double.isNaN(d)) {
            return "";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return String.format(Locale.ROOT, "%d", (long) d);
        }
        return Double.toString(d);
    }

    static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
