package org.patchpinn.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.patchpinn.task.Progress;
import org.patchpinn.trace.Recording;
import org.patchpinn.trace.Sweep;
import org.patchpinn.trace.Trace;

/**
 * The numeric body of a text recording: rows of {@code columns} numbers, the first being time. Read into
 * one array per column (no per-sample objects), then cut into sweeps by a {@link ColumnLayout}.
 */
final class TextSamples {
    final double[] time;
    final float[][] columns;
    final int rows;
    final int firstLine;

    private TextSamples(double[] time, float[][] columns, int rows, int firstLine) {
        this.time = time;
        this.columns = columns;
        this.rows = rows;
        this.firstLine = firstLine;
    }

    /**
     * Reads every remaining line of {@code text}; blank lines are allowed only at the end. Data column j
     * (after time) is multiplied by {@code scales[j]} in double precision before it is stored as float.
     */
    static TextSamples read(DelimitedText text, char sep, double[] scales, Progress progress) {
        int columnCount = scales.length + 1;
        int totalBytes = text.remainingBytes();
        // every field takes at least two bytes, so this never allocates much more than the file holds
        int capacity = (int) Math.min(1024, totalBytes / (2L * columnCount) + 1);
        reserve(text, capacity, columnCount);
        double[] time = new double[capacity];
        float[][] data = new float[columnCount - 1][capacity];
        double[] row = new double[columnCount];
        int rows = 0;
        int firstLine = -1;
        boolean sized = false;
        int n;
        while ((n = text.nextRow(sep, row)) >= 0) {
            if (n == 0) {
                if (text.restIsBlank()) {
                    break;
                }
                throw text.error(0, "empty line inside the data");
            }
            if (firstLine < 0) {
                firstLine = text.lineNumber();
            }
            if (n != columnCount) {
                throw text.error(0, "row has " + n + " fields, the header declares " + columnCount
                        + (n < columnCount ? " (file truncated?)" : ""));
            }
            if (!sized || rows == capacity) {
                // Sized once from the first row's length so large files are not copied repeatedly; then grown
                // by half whenever full.
                long estimate = Math.min(totalBytes / (text.currentLineLength() + 1L),
                        totalBytes / (2L * columnCount)) + 16;
                capacity = sized ? (int) Math.min(Integer.MAX_VALUE - 16L, capacity + (capacity >> 1) + 16L)
                        : Math.max(capacity, (int) Math.min(Integer.MAX_VALUE - 16L, estimate));
                reserve(text, capacity, columnCount);
                time = Arrays.copyOf(time, capacity);
                for (int c = 0; c < data.length; c++) {
                    data[c] = Arrays.copyOf(data[c], capacity);
                }
                sized = true;
            }
            time[rows] = row[0];
            for (int c = 1; c < columnCount; c++) {
                data[c - 1][rows] = (float) (row[c] * scales[c - 1]);
            }
            rows++;
            if ((rows & 0x3fff) == 0) {
                progress.checkCancelled();
                progress.fraction(1.0 - text.remainingBytes() / (double) Math.max(1, totalBytes));
            }
        }
        return new TextSamples(time, data, rows, firstLine < 0 ? text.lineNumber() + 1 : firstLine);
    }

    /**
     * Checks that {@code rows} rows of {@code columns} columns fit the sample cap and the heap: the arrays
     * (time as double, data as float), their copies while growing, and the per-sweep copies made later.
     */
    private static void reserve(DelimitedText text, long rows, int columns) {
        long samples = rows * (columns - 1);
        ReadLimits.require(text.file(), "the data (" + rows + " rows × " + columns + " columns)", samples,
                2 * (rows * 8 + samples * 4 + 16L * columns));
    }

    /** Adds the channels and sweeps (scaled to mV / pA) of {@code layout} to {@code b}. */
    void addSweeps(ColumnLayout layout, Recording.Builder b) {
        for (ColumnLayout.Signal s : layout.channels()) {
            b.channel(s.name(), s.unit());
        }
        ColumnLayout.Signal cmd = layout.command();
        if (cmd != null) {
            b.commandUnit(cmd.unit());
        }
        for (int k = 0; k < layout.sweepCount(); k++) {
            List<Trace> traces = new ArrayList<>();
            for (ColumnLayout.Signal s : layout.channels()) {
                traces.add(column(s, k));
            }
            b.sweep(new Sweep(traces, cmd == null ? null : column(cmd, k)));
        }
    }

    private Trace column(ColumnLayout.Signal s, int sweep) {
        float[] src = columns[s.columns()[sweep]];
        return Trace.wrap(Arrays.copyOf(src, rows));
    }
}
