package org.patchpinn.numeric;

/** Quantiles of sorted samples, written once (bootstrap intervals, the flatness of a current step). */
public final class Quantile {
    private Quantile() {
    }

    /** Linear interpolation between order statistics of {@code sorted} (ascending, not empty), q in [0, 1]. */
    public static double ofSorted(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
