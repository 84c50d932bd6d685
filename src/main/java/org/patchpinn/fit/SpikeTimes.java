package org.patchpinn.fit;

import java.util.Arrays;

/**
 * Spike times of a voltage trace for the fit's loss and validation: upward crossings of a threshold
 * (linearly interpolated), re-armed only after V falls 10 mV below it, so noise on a spike's shoulder
 * cannot count twice. Fast and simple on purpose: the full feature set (eFEL definitions) lives in
 * {@code org.patchpinn.features}; this runs thousands of times per fit.
 */
public final class SpikeTimes {
    /** Default threshold (mV). */
    public static final double THRESHOLD_MV = -20;

    private SpikeTimes() {
    }

    public static double[] detect(double[] vMv, double dtMs) {
        return detect(vMv, dtMs, THRESHOLD_MV);
    }

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
            } else if (!armed && b < thresholdMv - 10) {
                armed = true;
            }
        }
        return Arrays.copyOf(out, n);
    }
}
