package org.patchpinn.symbolic;

import java.util.Collections;
import java.util.List;

/**
 * Samples of y = f(x₁, …, x_k) to regress on: {@code x[variable][sample]}, the names of the variables as
 * they appear in exported expressions (identifiers such as {@code V}, {@code G}), the name of y, and where
 * the data came from (for error messages), and the units read from headers such as {@code "V (mV)"} ("" when
 * none).
 */
public record Dataset(double[][] x, double[] y, List<String> variables, String target, String source,
                      List<String> units, String targetUnit) {

    public Dataset {
        variables = List.copyOf(variables);
        units = List.copyOf(units);
        if (units.size() != variables.size()) {
            throw new IllegalArgumentException("one unit per variable");
        }
        if (x.length != variables.size()) {
            throw new IllegalArgumentException("one name per variable");
        }
        for (double[] column : x) {
            if (column.length != y.length) {
                throw new IllegalArgumentException("columns of different lengths");
            }
        }
    }

    /** Data without units (units "" for every column). */
    public Dataset(double[][] x, double[] y, List<String> variables, String target, String source) {
        this(x, y, variables, target, source, Collections.nCopies(variables.size(), ""), "");
    }

    /** The same kind of data with other samples. */
    public Dataset withSamples(double[][] newX, double[] newY) {
        return new Dataset(newX, newY, variables, target, source, units, targetUnit);
    }

    public int size() {
        return y.length;
    }

    public int variableCount() {
        return x.length;
    }

    public double min(int variable) {
        double m = Double.POSITIVE_INFINITY;
        for (double v : x[variable]) {
            m = Math.min(m, v);
        }
        return m;
    }

    public double max(int variable) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : x[variable]) {
            m = Math.max(m, v);
        }
        return m;
    }
}
