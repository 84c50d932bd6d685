package org.patchpinn.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A named table as plain data: columns (with units in their headers, e.g. "AP_amplitude (mV)") and rows
 * of numbers or text. Hosts turn it into an ImageJ ResultsTable; {@link CsvWriter} writes it as CSV.
 * The name is stable ("PatchPINN Features") so macros can find the table.
 */
public final class Table {
    private final String name;
    private final List<String> columns = new ArrayList<>();
    private final List<Map<String, Object>> rows = new ArrayList<>();

    public Table(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** Starts a new row; values are set with {@link Row#set}. Columns are created on first use. */
    public Row addRow() {
        Map<String, Object> row = new LinkedHashMap<>();
        rows.add(row);
        return new Row(row);
    }

    /** Declares a column up front so it keeps its place even if the first rows leave it empty. */
    public Table column(String header) {
        if (!columns.contains(header)) {
            columns.add(header);
        }
        return this;
    }

    public List<String> columns() {
        return Collections.unmodifiableList(columns);
    }

    public int rowCount() {
        return rows.size();
    }

    /** The value at a row and column: a Number, a String, or null when absent. */
    public Object get(int row, String column) {
        return rows.get(row).get(column);
    }

    public double getNumber(int row, String column) {
        Object v = get(row, column);
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    public final class Row {
        private final Map<String, Object> values;

        private Row(Map<String, Object> values) {
            this.values = values;
        }

        public Row set(String column, double value) {
            column(column);
            values.put(column, value);
            return this;
        }

        public Row set(String column, String value) {
            column(column);
            values.put(column, value);
            return this;
        }
    }
}
