package org.patchpinn.features;

/** Small numerical helpers on uniformly sampled traces (sample i at time i·dt ms). */
public final class TraceMath {
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
     * Linear interpolation onto a grid of {@code stepMs}, reproducing eFEL's LinearInterpolation bit for bit on
     * traces read as pyABF and eFEL read them: sample j at time (j x seconds-per-point) x 1000 ms, output
     * times accumulated by repeated addition of the step from 0, up to the first one at or after the last
     * sample, which takes the last sample's value. Exactness matters: recorded samples are quantised, so
     * equal neighbours are common, and eFEL's first-minimum search for the AHP breaks such ties by the last
     * bits of the interpolated values.
     */
    static double[] resample(double[] y, double dtMs, double stepMs) {
        int n = y.length;
        double rate = 1000.0 / dtMs;
        if (Math.abs(rate - Math.rint(rate)) < 1e-6) {
            rate = Math.rint(rate); // pyABF keeps the sample rate as a whole number of Hz
        }
        double secPerPoint = 1.0 / rate;
        double stop = ((n - 1) * secPerPoint) * 1000.0;
        int size = Math.max(1, (int) Math.ceil(stop / stepMs));
        double lastX = 0;
        for (int i = 1; i < size; i++) {
            lastX += stepMs;
        }
        int m = lastX < stop ? size + 1 : size;
        double[] out = new double[m];
        double x = 0;
        int j = 0;
        double xj = 0;
        double xj1 = secPerPoint * 1000.0;
        for (int i = 0; i < m; i++) {
            while (j + 1 < n && xj1 < x) {
                j++;
                xj = xj1;
                xj1 = ((j + 1) * secPerPoint) * 1000.0;
            }
            if (j + 1 >= n) {
                out[i] = y[n - 1];
            } else {
                double dydx = (y[j + 1] - y[j]) / (xj1 - xj);
                out[i] = y[j] + dydx * (x - xj);
            }
            x += stepMs;
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

    /**
     * V less a liquid-junction potential (or other offset) in mV: a copy, or {@code vMv} itself when the offset is 0
     * (the one place every verb's {@code --ljp_mv} subtracts it from a raw trace).
     */
    public static double[] lessOffset(double[] vMv, double offsetMv) {
        if (offsetMv == 0) {
            return vMv;
        }
        double[] out = new double[vMv.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = vMv[i] - offsetMv;
        }
        return out;
    }

    /** Index of the first largest value in v[from, to). */
    public static int argMax(double[] v, int from, int to) {
        int best = from;
        for (int i = from + 1; i < to; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Index of the first smallest value in v[from, to). */
    public static int argMin(double[] v, int from, int to) {
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
