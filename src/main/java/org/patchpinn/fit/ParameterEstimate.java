package org.patchpinn.fit;

/**
 * A fitted (or fixed) parameter with its 95 % confidence interval; the interval is NaN when not computed
 * and equals the value for fixed parameters.
 */
public record ParameterEstimate(String name, String unit, double value, double ci95Low, double ci95High,
                                boolean fixed) {
    public boolean contains(double x) {
        return x >= ci95Low && x <= ci95High;
    }
}
