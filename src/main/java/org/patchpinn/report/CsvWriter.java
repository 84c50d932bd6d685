package org.patchpinn.report;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/** Writes a {@link Table} as RFC-4180 CSV; empty cells for missing values and NaN. */
public final class CsvWriter {
    private CsvWriter() {
    }

    public static void write(Table table, Writer out) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < table.columns().size(); c++) {
            if (c > 0) {
                line.append(',');
            }
            line.append(quote(table.columns().get(c)));
        }
        out.write(line.append('\n').toString());
        for (int r = 0; r < table.rowCount(); r++) {
            line.setLength(0);
            for (int c = 0; c < table.columns().size(); c++) {
                if (c > 0) {
                    line.append(',');
                }
                line.append(cell(table.get(r, table.columns().get(c))));
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
