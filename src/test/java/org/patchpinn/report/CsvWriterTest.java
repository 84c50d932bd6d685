package org.patchpinn.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvWriterTest {
    /** Columns streamed without a table are the same CSV, to the byte, as the table of the same numbers. */
    @Test
    void numericColumnsAreWrittenExactlyAsTheTableOfTheSameNumbers() throws IOException {
        Map<String, double[]> cols = new LinkedHashMap<>();
        cols.put("time (ms)", new double[] {0, 0.005, 0.01, 1e20});
        cols.put("V (mV)", new double[] {-70.25, Double.NaN, 12, -0.0});
        cols.put("I, stim \"pA\"", new double[] {1e-9, -3, 2.5e7, Double.POSITIVE_INFINITY});
        Table t = new Table("t");
        cols.keySet().forEach(t::column);
        for (int r = 0; r < 4; r++) {
            Table.Row row = t.addRow();
            for (Map.Entry<String, double[]> c : cols.entrySet()) {
                row.set(c.getKey(), c.getValue()[r]);
            }
        }
        StringWriter fromTable = new StringWriter();
        CsvWriter.write(t, fromTable);
        StringWriter streamed = new StringWriter();
        CsvWriter.write(cols, streamed);
        assertEquals(fromTable.toString(), streamed.toString());
        assertEquals("time (ms),V (mV),\"I, stim \"\"pA\"\"\"", streamed.toString().lines().findFirst().orElseThrow());
    }

    @Test
    void columnsOfDifferentLengthsAreRefused() {
        Map<String, double[]> cols = new LinkedHashMap<>();
        cols.put("a", new double[2]);
        cols.put("b", new double[3]);
        assertThrows(IllegalArgumentException.class, () -> CsvWriter.write(cols, new StringWriter()));
    }
}
