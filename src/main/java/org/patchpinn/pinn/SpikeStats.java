package org.patchpinn.pinn;

import java.util.ArrayList;
import java.util.List;

/**
 * Spike-train summary statistics used to steer and judge fits: spike times, count, interspike intervals,
 * adaptation index (eFEL's adaptation_index2 definition: mean of (ISI[i+1]−ISI[i])/(ISI[i+1]+ISI[i]) from
 * the second ISI on) and the coincidence factor Γ (Kistler et al. 1997; Jolivet et al. 2008).
 */
public final class SpikeStats {
    /** Upward crossing level that marks a spike (mV); each spike must fall below {@link #RESET} again. */
    public static final double THRESHOLD = -20;
    public static final double RESET = -40;

    private SpikeStats() {
    }

    /** Spike times (ms, linear interpolation of the upward threshold crossing). */
    public static double[] spikeTimes(double[] v, double dtMs) {
        List<Double> t = new ArrayList<>();
        boolean armed = v.length > 0 && v[0] < THRESHOLD;
        for (int k = 1; k < v.length; k++) {
            if (armed && v[k - 1] < THRESHOLD && v[k] >= THRESHOLD) {
                double f = (THRESHOLD - v[k - 1]) / (v[k] - v[k - 1]);
                t.add((k - 1 + f) * dtMs);
                armed = false;
            } else if (!armed && v[k] < RESET) {
                armed = true;
            }
        }
        return t.stream().mapToDouble(Double::doubleValue).toArray();
    }

    public static double[] isis(double[] spikes) {
        double[] d = new double[Math.max(0, spikes.length - 1)];
        for (int i = 0; i < d.length; i++) {
            d[i] = spikes[i + 1] - spikes[i];
        }
        return d;
    }

    /** Adaptation index (adaptation_index2); NaN with fewer than 3 ISIs. */
    public static double adaptationIndex(double[] spikes) {
        double[] isi = isis(spikes);
        if (isi.length < 3) {
            return Double.NaN;
        }
        double s = 0;
        int n = 0;
        for (int i = 1; i + 1 < isi.length; i++) {
            s += (isi[i + 1] - isi[i]) / (isi[i + 1] + isi[i]);
            n++;
        }
        return s / n;
    }

    /**
     * Coincidence factor Γ between a data and a model spike train over a duration {@code durationMs}:
     * coincidences within ±{@code windowMs}, corrected for chance and normalised (1 = identical, 0 = chance).
     */
    public static double coincidence(double[] data, double[] model, double windowMs, double durationMs) {
        if (data.length == 0 && model.length == 0) {
            return 1;
        }
        if (data.length == 0 || model.length == 0) {
            return 0;
        }
        int coinc = 0;
        int j = 0;
        boolean[] used = new boolean[model.length];
        for (double td : data) {
            while (j < model.length && model[j] < td - windowMs) {
                j++;
            }
            for (int q = j; q < model.length && model[q] <= td + windowMs; q++) {
                if (!used[q]) {
                    used[q] = true;
                    coinc++;
                    break;
                }
            }
        }
        double rate = model.length / durationMs;
        double expected = 2 * rate * windowMs * data.length;
        double norm = 1 - 2 * rate * windowMs;
        return (coinc - expected) / (0.5 * (data.length + model.length)) / norm;
    }

    /**
     * Van Rossum distance² between two spike trains (exponential kernel τ, van Rossum 2001), in units of
     * spikes: continuous in the spike times, so a derivative-free optimiser sees a smooth landscape where Γ
     * and spike counts are steps.
     */
    public static double vanRossum(double[] a, double[] b, double tauMs) {
        return 0.5 * (kernelSum(a, a, tauMs) + kernelSum(b, b, tauMs)) - kernelSum(a, b, tauMs);
    }

    private static double kernelSum(double[] x, double[] y, double tau) {
        double s = 0;
        for (double xi : x) {
            for (double yj : y) {
                s += Math.exp(-Math.abs(xi - yj) / tau);
            }
        }
        return s;
    }
}
