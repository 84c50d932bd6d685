package org.patchpinn.symbolic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a regression {@link Dataset} from a delimited text table (comma, tab or semicolon) with a header
 * line. Columns are chosen by name; a header with a unit, such as {@code "V (mV)"}, answers to {@code V} as
 * well, so a fit's {@code learned.csv} can be used as it is. Every problem a user can cause (missing or
 * unknown columns, non-numeric cells, NaN, too few rows, constant y) is reported naming file and column.
 */
public final class TableReader {
    /** Fewest rows a search accepts: enough to fit a handful of constants and judge them. */
    public static final int MIN_ROWS = 8;

    private TableReader() {
    }

    /**
     * @param file      the table
     * @param xColumns  names of the input columns; empty: every column except y
     * @param yColumn   name of the output column; empty: the last column
     */
    public static Dataset read(Path file, List<String> xColumns, String yColumn) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SymbolicDataException(file + ": cannot read: " + e.getMessage());
        }
        lines.removeIf(l -> l.isBlank() || l.startsWith("#"));
        if (lines.isEmpty()) {
            throw new SymbolicDataException(file + ": empty table");
        }
        String separator = separatorOf(lines.get(0));
        List<String> header = new ArrayList<>();
        for (String h : lines.get(0).split(separator, -1)) {
            header.add(unquote(h));
        }
        int yIndex = yColumn == null || yColumn.isBlank() ? header.size() - 1 : column(file, header, yColumn);
        List<Integer> xIndex = new ArrayList<>();
        if (xColumns.isEmpty()) {
            for (int c = 0; c < header.size(); c++) {
                if (c != yIndex) {
                    xIndex.add(c);
                }
            }
        } else {
            for (String name : xColumns) {
                xIndex.add(column(file, header, name));
            }
        }
        if (xIndex.isEmpty()) {
            throw new SymbolicDataException(file + ": no input column besides '" + header.get(yIndex) + "'");
        }
        if (xIndex.contains(yIndex)) {
            throw new SymbolicDataException(file + ": column '" + header.get(yIndex) + "' is both input and output");
        }
        int rows = lines.size() - 1;
        if (rows < MIN_ROWS) {
            throw new SymbolicDataException(file + ": only " + rows + " data rows; symbolic regression needs at least "
                    + MIN_ROWS);
        }
        double[][] x = new double[xIndex.size()][rows];
        double[] y = new double[rows];
        for (int r = 0; r < rows; r++) {
            String[] cells = lines.get(r + 1).split(separator, -1);
            for (int v = 0; v < xIndex.size(); v++) {
                x[v][r] = cell(file, cells, xIndex.get(v), header, r + 2);
            }
            y[r] = cell(file, cells, yIndex, header, r + 2);
        }
        double y0 = y[0];
        boolean constant = true;
        for (double v : y) {
            constant &= v == y0;
        }
        if (constant) {
            throw new SymbolicDataException(file + ": column '" + header.get(yIndex) + "' is constant (" + y0
                    + "); there is no law to find");
        }
        for (int v = 0; v < xIndex.size(); v++) {
            double first = x[v][0];
            boolean same = true;
            for (double d : x[v]) {
                same &= d == first;
            }
            if (same) {
                throw new SymbolicDataException(file + ": input column '" + header.get(xIndex.get(v))
                        + "' is constant (" + first + ")");
            }
        }
        List<String> names = new ArrayList<>();
        List<String> units = new ArrayList<>();
        for (int c : xIndex) {
            String name = identifier(header.get(c), names.size());
            if (names.contains(name)) {
                throw new SymbolicDataException(file + ": two input columns are both called '" + name + "'");
            }
            names.add(name);
            units.add(unitOf(header.get(c)));
        }
        return new Dataset(x, y, names, bareName(header.get(yIndex)), file.toString(), units,
                unitOf(header.get(yIndex)));
    }

    private static String separatorOf(String headerLine) {
        if (headerLine.contains("\t")) {
            return "\t";
        }
        if (headerLine.contains(";") && !headerLine.contains(",")) {
            return ";";
        }
        return ",";
    }

    private static String unquote(String s) {
        String t = s.trim();
        if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
            t = t.substring(1, t.length() - 1).trim();
        }
        return t;
    }

    /** The name without a trailing unit: "V (mV)" → "V". */
    static String bareName(String header) {
        int paren = header.indexOf(" (");
        return paren > 0 ? header.substring(0, paren).trim() : header.trim();
    }

    /** The unit in a header such as "V (mV)", or "". */
    static String unitOf(String header) {
        int open = header.indexOf(" (");
        int close = header.lastIndexOf(')');
        return open > 0 && close > open ? header.substring(open + 2, close).trim() : "";
    }

    private static int column(Path file, List<String> header, String name) {
        String wanted = name.trim();
        for (int c = 0; c < header.size(); c++) {
            if (header.get(c).equals(wanted)) {
                return c;
            }
        }
        for (int c = 0; c < header.size(); c++) {
            if (bareName(header.get(c)).equalsIgnoreCase(wanted)) {
                return c;
            }
        }
        throw new SymbolicDataException(file + ": no column '" + wanted + "'; columns are " + header);
    }

    private static double cell(Path file, String[] cells, int column, List<String> header, int line) {
        if (column >= cells.length) {
            throw new SymbolicDataException(file + ", line " + line + ": missing value in column '"
                    + header.get(column) + "'");
        }
        String text = unquote(cells[column]);
        double v;
        try {
            v = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new SymbolicDataException(file + ", line " + line + ", column '" + header.get(column)
                    + "': not a number: '" + text + "'");
        }
        if (!Double.isFinite(v)) {
            throw new SymbolicDataException(file + ", line " + line + ", column '" + header.get(column)
                    + "': " + text + " (NaN or infinite values cannot be fitted; remove those rows)");
        }
        return v;
    }

    /** A name usable in exported expressions: letters, digits and underscores, not starting with a digit. */
    static String identifier(String header, int position) {
        String s = bareName(header).replaceAll("[^A-Za-z0-9_]", "_");
        if (s.isEmpty() || Character.isDigit(s.charAt(0))) {
            s = (position >= 0 ? "x" + position + "_" : "y_") + s;
        }
        if (List.of("exp", "log", "sqrt", "pow", "E", "I", "pi", "S", "N", "O", "Q").contains(s)) {
            s = s + "_";  // names SymPy would read as functions or constants
        }
        return s;
    }
}
