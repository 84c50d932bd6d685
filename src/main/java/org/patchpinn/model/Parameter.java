package org.patchpinn.model;

import java.util.Objects;

/**
 * A model parameter with its unit and the range a fit may explore.
 *
 * @param name  identifier used in expressions (letters, digits, underscores)
 * @param value current value, in {@code unit}
 * @param unit  "nS", "mV", "pF", "ms", "1" (dimensionless) or another unit written in the model file
 * @param lower smallest admissible value
 * @param upper largest admissible value
 * @param fixed true when a fit must keep the value (e.g. a known capacitance)
 */
public record Parameter(String name, double value, String unit, double lower, double upper, boolean fixed) {
    public Parameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new ModelException("parameter name '" + name + "' is not an identifier");
        }
        if (!(lower <= upper)) {
            throw new ModelException("parameter " + name + ": lower bound " + lower + " is above upper bound "
                    + upper);
        }
        if (!Double.isFinite(value) || value < lower || value > upper) {
            throw new ModelException("parameter " + name + " = " + value + " " + unit + " is outside its bounds ["
                    + lower + ", " + upper + "]");
        }
    }

    public Parameter withValue(double v) {
        return new Parameter(name, v, unit, lower, upper, fixed);
    }

    public Parameter withFixed(boolean f) {
        return new Parameter(name, value, unit, lower, upper, f);
    }

    public Parameter withBounds(double lo, double hi) {
        return new Parameter(name, value, unit, lo, hi, fixed);
    }

    /** Strictly positive ranges are searched on a log scale (conductances, time constants). */
    public boolean logScale() {
        return lower > 0;
    }
}
