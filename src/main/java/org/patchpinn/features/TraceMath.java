package org.patchpinn.features;

/** Small numerical helpers on uniformly sampled traces (sample i at time i·dt ms). */
final class TraceMath {
    /** Samples closer than this fraction of a step to a time boundary count as on it (float rounding). */
    private static final double GRID_TOLERANCE = 1e-9;

    private TraceMath() {
    }

    /**
     * dV/dt by central differences, one-sided at both ends, as eFEL's getCentralDifferenceDerivative. With V in
     * mV and dt in ms the result is in mV/ms, which equals V/s.
     */
    static double[] centralDerivative(double[] v, double dtMs) {
        int n = v.length;
        double[] d = new double[n];
        if (n < 2) {
            return d;
        }
        d[0] = (v[1] - v[0]) / dtMs;
        double twoDt = 2 * dtMs;
        for (int i = 1; i < n - 1; i++) {
            d[i] = (v[i + 1] - v[i - 1]) / twoDt;
        }
        d[n - 1] = (v[n - 1] - v[n - 2]) / dtMs;
        return d;
    }

    /**
     * Linear interpolation onto a grid of {@code stepMs}, as eFEL's LinearInterpolation: points at 0, step,
     * 2·step, ... up to the first one at or after the last sample, which takes the last sample's value.
     */
    static double[] resample(double[] v, double dtMs, double stepMs) {
        int n = v.length;
        double stop = (n - 1) * dtMs;
        int m = Math.max(0, (int) Math.ceil(stop / stepMs - GRID_TOLERANCE)) + 1;
        double[] out = new double[m];
        double ratio = stepMs / dtMs;
        for (int i = 0; i < m; i++) {
            double pos = i * ratio;
            int j = (int) pos;
            if (j >= n - 1) {
                out[i] = v[n - 1];
            } else {
                double f = pos - j;
                out[i] = v[j] + (v[j + 1] - v[j]) * f;
            }
        }
        return out;
    }

    /** First index whose time is at or after {@code tMs} (may equal n when none is). */
    static int indexAtOrAfter(double tMs, double dtMs, int n) {
        double pos = tMs / dtMs;
        int i = (int) Math.ceil(pos - GRID_TOLERANCE);
        return Math.max(0, Math.min(n, i));
    }

    /** First index whose time is strictly after {@code tMs} (may equal n when none is). */
    static int indexAfter(double tMs, double dtMs, int n) {
        double pos = tMs / dtMs;
        int i = (int) Math.floor(pos + GRID_TOLERANCE) + 1;
        return Math.max(0, Math.min(n, i));
    }

    /** Mean of v[from, to), NaN when empty. */
    static double mean(double[] v, int from, int to) {
        from = Math.max(0, from);
        to = Math.min(v.length, to);
        if (to <= from) {
            return Double.NaN;
        }
        double s = 0;
        for (int i = from; i < to; i++) {
            s += v[i];
        }
        return s / (to - from);
    }

    /** Index of the first largest value in v[from, to). */
    static int argMax(double[] v, int from, int to) {
        int best = from;
        for (int i = from + 1; i < to; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Index of the first smallest value in v[from, to). */
    static int argMin(double[] v, int from, int to) {
        int best = from;
        for (int i = from + 1; i < to; i++) {
            if (v[i] < v[best]) {
                best = i;
            }
        }
        return best;
    }

    /**
     * eFEL's first_min_element: the first running minimum of v[from, to) that two later samples do not undercut
     * (the first local minimum, confirmed by two samples), or the overall minimum if none is confirmed.
     */
    static int firstLocalMin(double[] v, int from, int to) {
        int lowest = from;
        int lowestMin = from;
        int counter = 0;
        for (int i = from + 1; i < to; i++) {
            if (v[i] < v[lowest]) {
                lowest = i;
            }
            if (v[i] >= v[lowestMin]) {
                counter++;
            }
            if (v[i] < v[lowestMin]) {
                counter = 0;
                lowestMin = i;
            }
            if (counter == 2) {
                return lowestMin;
            }
        }
        return lowest;
    }
}
