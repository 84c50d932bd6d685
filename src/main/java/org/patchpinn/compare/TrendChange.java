package org.patchpinn.compare;

import java.util.Locale;

/**
 * The test of one quantity against the condition ({@link WithinCellTrend}): effect = change from the lowest
 * to the highest level (within cells) with its 95 % interval, the slope's t, the permutation p, the family-wise
 * adjusted p (family-wise over every quantity tested), and whether it counts as a change at the chosen α.
 */
public record TrendChange(String name, String unit, double effect, double ciLow, double ciHigh, double t, double p,
                          double pAdjusted, boolean significant, int n) {
    public String direction(String condition) {
        if (n == 0) {
            return "no values";
        }
        if (!Double.isFinite(t)) {
            return "not testable (no variation within cells: shared by each cell's recordings)";
        }
        String dir = (effect > 0 ? "increases" : "decreases") + " with " + condition;
        return significant ? dir : "no detected change (" + (effect > 0 ? "rises" : "falls") + " by "
                + String.format(Locale.ROOT, "%.3g", Math.abs(effect)) + " within cells)";
    }
}
