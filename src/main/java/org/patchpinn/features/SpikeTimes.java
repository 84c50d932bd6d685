package org.patchpinn.features;

import java.util.Arrays;

/**
 * Spike times of a voltage trace, data or model, wherever a fit, a score or a report needs a spike train:
 * upward crossings of a threshold (linearly interpolated), re-armed only after V falls 10 mV below it, so
 * noise on a spike's shoulder cannot count twice. Fast and simple on purpose (it runs thousands of times per
 * fit); the spike's shape (onset, peak, trough, half width: eFEL definitions) comes from {@link SpikeDetector}.
 */
public final class SpikeTimes {
    /** Default threshold (mV). */
    public static final double THRESHOLD_MV = -20;
    /** How far below the threshold V must fall before the next crossing counts (mV). */
    public static final double REARM_MV = 10;

    private SpikeTimes() {
    }

    /** Spike times (ms from the first sample) at the default threshold. */
    public static double[] detect(double[] vMv, double dtMs) {
        return detect(vMv, dtMs, THRESHOLD_MV);
    }

    /** Spike times (ms from the first sample): upward crossings of {@code thresholdMv}. */
    public static double[] detect(double[] vMv, double dtMs, double thresholdMv) {
        double[] out = new double[16];
        int n = 0;
        boolean armed = vMv.length > 0 && vMv[0] < thresholdMv;
        for (int i = 1; i < vMv.length; i++) {
            double a = vMv[i - 1];
            double b = vMv[i];
            if (armed && a < thresholdMv && b >= thresholdMv) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, 2 * n);
                }
                out[n++] = (i - 1 + (thresholdMv - a) / (b - a)) * dtMs;
                armed = false;
            } else if (!armed && b < thresholdMv - REARM_MV) {
                armed = true;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** Spikes at times in [fromMs, toMs). */
    public static int countIn(double[] timesMs, double fromMs, double toMs) {
        int n = 0;
        for (double t : timesMs) {
            if (t >= fromMs && t < toMs) {
                n++;
            }
        }
        return n;
    }

    /** Spikes whose time falls on a sample (every {@code dtMs}) where {@code where} holds. */
    public static int countWhere(double[] timesMs, boolean[] where, double dtMs) {
        int n = 0;
        for (double t : timesMs) {
            int i = (int) Math.round(t / dtMs);
            n += i >= 0 && i < where.length && where[i] ? 1 : 0;
        }
        return n;
    }
}
