package org.patchpinn.numeric;

import java.util.Arrays;

/**
 * Medians of samples, written once. Two conventions are in use and stay distinct: {@link #of} (an even count
 * averages the two middle values) and {@link #upper} (the higher of the two, a sample value; the passive
 * measurement and the fit's step summaries use it, so data and model are read alike). Both are NaN when empty.
 */
public final class Median {
    private Median() {
    }

    public static double of(double[] v) {
        return of(v, 0, v.length);
    }

    /** The median of v[from, to). */
    public static double of(double[] v, int from, int to) {
        if (to <= from) {
            return Double.NaN;
        }
        double[] c = sorted(v, from, to);
        int m = c.length;
        return m % 2 == 1 ? c[m / 2] : (c[m / 2 - 1] + c[m / 2]) / 2;
    }

    public static double upper(double[] v) {
        return upper(v, 0, v.length);
    }

    /** The upper median of v[from, to). */
    public static double upper(double[] v, int from, int to) {
        return to <= from ? Double.NaN : sorted(v, from, to)[(to - from) / 2];
    }

    private static double[] sorted(double[] v, int from, int to) {
        double[] c = Arrays.copyOfRange(v, from, to);
        Arrays.sort(c);
        return c;
    }
}
