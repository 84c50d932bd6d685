package org.patchpinn.fit;

import java.util.List;
import org.patchpinn.model.ModelSpec;
import org.patchpinn.model.Parameter;

/**
 * The search space of a fit: the free parameters mapped to the unit cube, on a log scale for strictly
 * positive ranges (conductances, time constants) and linearly otherwise (reversal potentials), so that
 * an optimiser's step means the same relative change for every parameter and bounds are simply [0, 1].
 */
public final class ParameterSpace {
    private final ModelSpec spec;
    private final int[] free;
    private final boolean[] log;
    private final double[] lo;
    private final double[] hi;

    public ParameterSpace(ModelSpec spec) {
        this.spec = spec;
        List<String> names = spec.freeParameters();
        if (names.isEmpty()) {
            throw new FitException("model " + spec.name() + ": no free parameters to fit");
        }
        free = names.stream().mapToInt(spec::indexOf).toArray();
        log = new boolean[free.length];
        lo = new double[free.length];
        hi = new double[free.length];
        for (int i = 0; i < free.length; i++) {
            Parameter p = spec.parameters().get(free[i]);
            log[i] = p.logScale();
            lo[i] = log[i] ? Math.log(p.lower()) : p.lower();
            hi[i] = log[i] ? Math.log(p.upper()) : p.upper();
            if (!(hi[i] > lo[i])) {
                throw new FitException("parameter " + p.name() + " is free but its bounds [" + p.lower() + ", "
                        + p.upper() + "] leave nothing to fit");
            }
        }
    }

    public ModelSpec spec() {
        return spec;
    }

    public int dimension() {
        return free.length;
    }

    /** Index in the full parameter vector of free parameter i. */
    public int fullIndex(int i) {
        return free[i];
    }

    public String name(int i) {
        return spec.parameters().get(free[i]).name();
    }

    /** Unit-cube coordinates of the free parameters of a full vector. */
    public double[] toUnit(double[] full) {
        double[] u = new double[free.length];
        for (int i = 0; i < free.length; i++) {
            double x = log[i] ? Math.log(full[free[i]]) : full[free[i]];
            u[i] = (x - lo[i]) / (hi[i] - lo[i]);
        }
        return u;
    }

    /** The full parameter vector for unit-cube coordinates (clamped into the cube); fixed values from the spec. */
    public double[] toFull(double[] u) {
        double[] full = spec.values();
        for (int i = 0; i < free.length; i++) {
            full[free[i]] = value(i, u[i]);
        }
        return full;
    }

    /** Parameter value of free parameter i at unit coordinate ui (clamped). */
    public double value(int i, double ui) {
        double c = Math.max(0, Math.min(1, ui));
        double x = lo[i] + c * (hi[i] - lo[i]);
        double v = log[i] ? Math.exp(x) : x;
        Parameter p = spec.parameters().get(free[i]);
        return Math.max(p.lower(), Math.min(p.upper(), v));
    }

    /** d(value)/d(u) at unit coordinate ui, for turning a covariance in the cube into parameter units. */
    public double derivative(int i, double ui) {
        double span = hi[i] - lo[i];
        return log[i] ? value(i, ui) * span : span;
    }
}
