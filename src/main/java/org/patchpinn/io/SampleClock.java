package org.patchpinn.io;

import org.patchpinn.trace.Units;

/** The sample rate of a text recording, from its time column, which must be evenly spaced. */
final class SampleClock {
    /** Allowed deviation of a time from the even grid, as a fraction of the interval (text rounding). */
    private static final double TOLERANCE = 0.05;

    private SampleClock() {
    }

    /**
     * The decimal step the times were rounded to when written (0.01 for "0.03, 0.07, 0.10"), judged from
     * the first rows: coarse text of a fine sampling interval must not read as uneven sampling.
     */
    static double roundingUnit(double[] time, int rows) {
        int n = Math.min(rows, 200);
        for (int d = 0; d <= 9; d++) {
            double scale = Math.pow(10, d);
            boolean all = true;
            for (int i = 0; i < n && all; i++) {
                double x = time[i] * scale;
                all = Math.abs(x - Math.rint(x)) < 1e-6 * Math.max(1, Math.abs(x));
            }
            if (all) {
                return 1 / scale;
            }
        }
        return 0;
    }

    /**
     * @param time      the time column as written, {@code rows} values
     * @param unit      its unit (s, ms, us)
     * @param firstLine line number of the first data row, for the error message
     */
    static double rateHz(DelimitedText text, double[] time, int rows, String unit, int firstLine) {
        double toMs = Units.toMilliseconds(unit);
        if (rows < 2) {
            throw new RecordingFormatException(text.file(),
                    "needs at least two data rows to know the sample rate, found " + rows);
        }
        double dt = (time[rows - 1] - time[0]) / (rows - 1);
        if (!(dt > 0) || !Double.isFinite(dt)) {
            throw new RecordingFormatException(text.file(), "time column does not increase (line " + firstLine
                    + " to line " + (firstLine + rows - 1) + ")");
        }
        double first = time[1] - time[0];
        double quantum = roundingUnit(time, rows);
        if (quantum >= Math.abs(first) / 2) {
            quantum = 0; // times on a grid as coarse as the interval itself: no rounding slack
        }
        for (int i = 1; i < rows; i++) {
            double step = time[i] - time[i - 1];
            if (Math.abs(step - first) > TOLERANCE * Math.abs(first) + quantum) {
                throw new RecordingFormatException(text.file(), "line " + (firstLine + i)
                        + ": time column is not evenly spaced (a step of " + (float) step + " " + unit
                        + " after steps of " + (float) first + " " + unit + "); resample the data first");
            }
        }
        for (int i = 0; i < rows; i++) {
            double expected = time[0] + i * dt;
            if (Math.abs(time[i] - expected) > TOLERANCE * dt + quantum) {
                throw new RecordingFormatException(text.file(), "line " + (firstLine + i)
                        + ": time column is not evenly spaced (" + time[i] + " " + unit + " where the interval of "
                        + (float) dt + " " + unit + " puts " + (float) expected + "); resample the data first");
            }
        }
        double hz = 1000.0 / (dt * toMs);
        double rounded = Math.rint(hz);
        return Math.abs(hz - rounded) <= 1e-6 * hz ? rounded : hz;
    }
}
