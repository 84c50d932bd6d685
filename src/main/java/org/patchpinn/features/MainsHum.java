package org.patchpinn.features;

import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealVector;

/**
 * Mains hum in quiet stretches of a trace: a least-squares fit of 50 Hz and 60 Hz sinusoids with their 2nd and
 * 3rd harmonics, plus a quadratic trend (the membrane's slow relaxation), stretch by stretch (the mains phase is
 * not trusted to stay coherent across seconds). A fit, not a spectrum: stretches of 100 ms (five cycles of
 * 50 Hz, the beat period of 50 and 60 Hz) separate the two and need no window.
 *
 * <p>Sinusoids at frequencies no mains produces (25, 35, 75, 85, 135, 165 Hz, each at least 15 Hz from every
 * mains harmonic) are fitted alongside: they measure the floor that synaptic noise and slow fluctuations give
 * near these frequencies, so broadband noise is not mistaken for hum.
 */
final class MainsHum {
    static final double[] MAINS_HZ = {50, 60};
    static final int HARMONICS = 3;
    static final double[] FLOOR_HZ = {25, 35, 75, 85, 135, 165};
    /** Shortest stretch fitted (ms). */
    static final double MIN_STRETCH_MS = 100;
    /** Only the last this-many ms of a longer stretch are fitted (its most relaxed part): enough for 0.01 mV. */
    static final double MAX_STRETCH_MS = 400;

    /**
     * Hum of the stronger mains family over the stretches.
     *
     * @param amplitudeMv √(Σ over its harmonics of amplitude²), averaged (in squares) over the stretches by
     *                    length; for a pure sinusoid its amplitude
     * @param hz          the family's fundamental
     * @param floorMv     what a family of {@link #HARMONICS} sinusoids at the floor frequencies measures, the same way
     */
    record Hum(double amplitudeMv, double hz, double floorMv) {
    }

    private MainsHum() {
    }

    /** NaN amplitude when no stretch is long enough. */
    static Hum measure(double[] vMv, double dtMs, List<int[]> stretches) {
        double[] sumSq = new double[MAINS_HZ.length + 1];
        long samples = 0;
        int minLen = (int) Math.ceil(MIN_STRETCH_MS / dtMs);
        int maxLen = (int) Math.ceil(MAX_STRETCH_MS / dtMs);
        for (int[] s : stretches) {
            int len = Math.min(maxLen, s[1] - s[0]);
            if (len < minLen) {
                continue;
            }
            double[] a = fit(vMv, dtMs, s[1] - len, s[1]);
            for (int f = 0; f < a.length; f++) {
                sumSq[f] += a[f] * a[f] * len;
            }
            samples += len;
        }
        if (samples == 0) {
            return new Hum(Double.NaN, Double.NaN, Double.NaN);
        }
        int best = sumSq[1] > sumSq[0] ? 1 : 0;
        return new Hum(Math.sqrt(sumSq[best] / samples), MAINS_HZ[best],
                Math.sqrt(sumSq[MAINS_HZ.length] / samples));
    }

    /**
     * {50 Hz family, 60 Hz family, floor}, each √Σ amplitude² over its sinusoids below 0.4 × the sample rate
     * (the floor's scaled to {@link #HARMONICS} sinusoids), fitted jointly on v[from, to).
     */
    static double[] fit(double[] v, double dtMs, int from, int to) {
        double maxHz = 0.4 * 1000 / dtMs;
        int[] harmonics = new int[MAINS_HZ.length];
        int cols = 3;
        for (int f = 0; f < MAINS_HZ.length; f++) {
            while (harmonics[f] < HARMONICS && MAINS_HZ[f] * (harmonics[f] + 1) < maxHz) {
                harmonics[f]++;
            }
            cols += 2 * harmonics[f];
        }
        int floors = 0;
        while (floors < FLOOR_HZ.length && FLOOR_HZ[floors] < maxHz) {
            floors++;
        }
        cols += 2 * floors;
        // Normal equations, accumulated sample by sample: (XᵀX) b = Xᵀy is 33 × 33 at most, where a QR of X
        // would cost a pass over a matrix of the stretch's length per column.
        int m = to - from;
        double[][] xtx = new double[cols][cols];
        double[] xty = new double[cols];
        double[] row = new double[cols];
        double half = (m - 1) / 2.0;
        double mean = TraceMath.mean(v, from, to);
        for (int i = 0; i < m; i++) {
            double u = half > 0 ? (i - half) / half : 0;
            double tS = (from + i) * dtMs / 1000;
            row[0] = 1;
            row[1] = u;
            row[2] = u * u;
            int c = 3;
            for (int f = 0; f < MAINS_HZ.length; f++) {
                for (int h = 1; h <= harmonics[f]; h++) {
                    c = sinusoid(row, c, MAINS_HZ[f] * h, tS);
                }
            }
            for (int f = 0; f < floors; f++) {
                c = sinusoid(row, c, FLOOR_HZ[f], tS);
            }
            double y = v[from + i] - mean;
            for (int j = 0; j < cols; j++) {
                double rj = row[j];
                xty[j] += rj * y;
                double[] xj = xtx[j];
                for (int k = j; k < cols; k++) {
                    xj[k] += rj * row[k];
                }
            }
        }
        for (int j = 0; j < cols; j++) {
            for (int k = 0; k < j; k++) {
                xtx[j][k] = xtx[k][j];
            }
        }
        RealVector b = new LUDecomposition(new Array2DRowRealMatrix(xtx, false)).getSolver()
                .solve(new ArrayRealVector(xty, false));
        double[] out = new double[MAINS_HZ.length + 1];
        int c = 3;
        for (int f = 0; f < MAINS_HZ.length; f++) {
            out[f] = Math.sqrt(power(b, c, harmonics[f]));
            c += 2 * harmonics[f];
        }
        out[MAINS_HZ.length] = floors == 0 ? Double.NaN : Math.sqrt(power(b, c, floors) * HARMONICS / floors);
        return out;
    }

    private static int sinusoid(double[] row, int c, double hz, double tS) {
        double w = 2 * Math.PI * hz * tS;
        row[c] = Math.cos(w);
        row[c + 1] = Math.sin(w);
        return c + 2;
    }

    /** Σ of a² + b² over {@code count} sinusoids from column {@code c}. */
    private static double power(RealVector b, int c, int count) {
        double s = 0;
        for (int k = 0; k < count; k++) {
            s += b.getEntry(c + 2 * k) * b.getEntry(c + 2 * k) + b.getEntry(c + 2 * k + 1) * b.getEntry(c + 2 * k + 1);
        }
        return s;
    }
}
