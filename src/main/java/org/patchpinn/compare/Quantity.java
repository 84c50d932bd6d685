package org.patchpinn.compare;

/** One number measured on a recording, with its unit (and standard error where the fit gives one). */
public record Quantity(double value, double se, String unit) {
    public static Quantity of(double value, String unit) {
        return new Quantity(value, Double.NaN, unit);
    }
}
