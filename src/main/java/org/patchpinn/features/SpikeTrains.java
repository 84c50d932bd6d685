package org.patchpinn.features;

/**
 * Statistics of a spike train (spike times in ms, ascending) used to steer and judge fits: interspike
 * intervals, the adaptation index (eFEL's adaptation_index2: mean of (ISI[i+1]−ISI[i])/(ISI[i+1]+ISI[i]) from
 * the second ISI on) and the van Rossum distance. Γ is {@link CoincidenceFactor}; the times come from
 * {@link SpikeTimes} (or a {@link SpikeDetector}'s peaks).
 */
public final class SpikeTrains {
    private SpikeTrains() {
    }

    /** Interspike intervals (ms). */
    public static double[] isis(double[] spikesMs) {
        double[] d = new double[Math.max(0, spikesMs.length - 1)];
        for (int i = 0; i < d.length; i++) {
            d[i] = spikesMs[i + 1] - spikesMs[i];
        }
        return d;
    }

    /** Adaptation index (eFEL's adaptation_index2, first ISI dropped); NaN with fewer than 3 ISIs. */
    public static double adaptationIndex(double[] spikesMs) {
        double[] isi = isis(spikesMs);
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

    /** The F–I criterion of every report: a model's spike count within max(2, 20 %) of the data's. */
    public static boolean countWithinTolerance(int dataSpikes, int modelSpikes) {
        return Math.abs(modelSpikes - dataSpikes) <= countTolerance(dataSpikes);
    }

    /** How far (spikes) a model's count may be from the data's and still meet the F–I criterion: max(2, 20 %). */
    public static double countTolerance(int dataSpikes) {
        return Math.max(2, 0.2 * dataSpikes);
    }
}
