package org.patchpinn.compare;

/**
 * The trend test of one quantity across conditions: within-cell Spearman ρ (sign = direction), permutation
 * p, Holm-adjusted p, and whether it counts as a change at the chosen level.
 */
public record TrendChange(String name, String unit, double rho, double p, double pHolm, boolean significant,
                          int n) {
    public String direction(String condition) {
        if (n == 0) {
            return "no values";
        }
        if (!Double.isFinite(rho)) {
            return "not testable (no variation within cells: shared by each cell's recordings)";
        }
        if (rho == 0) {
            return "no trend";
        }
        return (rho > 0 ? "increases" : "decreases") + " with " + condition;
    }
}
