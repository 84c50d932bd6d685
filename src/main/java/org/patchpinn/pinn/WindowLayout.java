package org.patchpinn.pinn;

import java.util.Locale;
import java.util.function.Function;
import org.patchpinn.trace.CurrentClampSweep;

/**
 * How the PINN cuts the training sweeps into windows of {@code p} samples (neighbours share their end
 * point, so each window has p + 1 collocation points), rows ordered sweep by sweep. Converts between
 * per-sweep samples and the flat [windows × points] arrays the networks see.
 */
final class WindowLayout {
    private final int p;
    private final int perSweep;
    private final int sweeps;
    private final double dtMs;

    WindowLayout(CurrentClampData data, double windowMs) {
        this.dtMs = data.dtMs();
        this.p = (int) Math.round(windowMs / dtMs);
        this.perSweep = (data.sweep(0).length() - 1) / p;
        this.sweeps = data.sweepCount();
        if (p < 2 || perSweep < 1) {
            throw new PinnInputException(String.format(Locale.ROOT, "the sweeps (%d samples of %.4g ms) "
                    + "are shorter than one PINN window of %.4g ms", data.sweep(0).length(), dtMs, windowMs));
        }
    }

    int points() {
        return p + 1;
    }

    int windows() {
        return perSweep * sweeps;
    }

    double windowMs() {
        return p * dtMs;
    }

    /** One signal of every sweep cut into windows: [windows × points]. */
    float[] windowed(CurrentClampData data, Function<CurrentClampSweep, double[]> signal) {
        float[] out = new float[windows() * points()];
        for (int s = 0; s < sweeps; s++) {
            double[] x = signal.apply(data.sweep(s));
            for (int w = 0; w < perSweep; w++) {
                for (int k = 0; k <= p; k++) {
                    out[(s * perSweep + w) * points() + k] = (float) x[w * p + k];
                }
            }
        }
        return out;
    }

    /** For each window but the last: 1 when the next window continues the same sweep. */
    float[] sameSweepNext() {
        float[] f = new float[windows() - 1];
        for (int r = 0; r + 1 < windows(); r++) {
            f[r] = (r + 1) % perSweep == 0 ? 0 : 1;
        }
        return f;
    }

    /**
     * Every gate of the known model integrated along a windowed voltage ([windows × points], e.g. the
     * networks' V) with parameter values p, sweep by sweep from steady state; returned as
     * [windows × points × gates].
     */
    float[] drivenGates(KnownModel base, double[] params, float[] windowedV) {
        int ng = base.gateCount();
        float[] out = new float[windows() * points() * ng];
        double[] v = new double[perSweep * p + 1];
        for (int s = 0; s < sweeps; s++) {
            for (int w = 0; w < perSweep; w++) {
                for (int k = 0; k <= p; k++) {
                    // a window's last point is the next one's first: the later window's value wins
                    v[w * p + k] = windowedV[(s * perSweep + w) * points() + k];
                }
            }
            double[][] g = base.driven(params, v, dtMs, 4);
            for (int w = 0; w < perSweep; w++) {
                for (int k = 0; k <= p; k++) {
                    int row = ((s * perSweep + w) * points() + k) * ng;
                    for (int q = 0; q < ng; q++) {
                        out[row + q] = (float) g[q][w * p + k];
                    }
                }
            }
        }
        return out;
    }

    /** Samples per sweep covered by the windows. */
    int sweepSamples() {
        return perSweep * p + 1;
    }

    int sweeps() {
        return sweeps;
    }

    /** For each covered sample of each sweep ([sweeps × sweepSamples]): its flat index among window points. */
    long[] sweepToWindows() {
        int n = sweepSamples();
        long[] idx = new long[sweeps * n];
        for (int s = 0; s < sweeps; s++) {
            for (int i = 0; i < n; i++) {
                int w = Math.min(i / p, perSweep - 1);
                idx[s * n + i] = (long) (s * perSweep + w) * points() + (i - w * p);
            }
        }
        return idx;
    }

    /** For each window point ([windows × points]): its flat index among the covered sweep samples. */
    long[] windowsToSweep() {
        long[] idx = new long[windows() * points()];
        for (int s = 0; s < sweeps; s++) {
            for (int w = 0; w < perSweep; w++) {
                for (int k = 0; k <= p; k++) {
                    idx[(s * perSweep + w) * points() + k] = (long) s * sweepSamples() + w * p + k;
                }
            }
        }
        return idx;
    }
}
