package org.patchpinn.model;

import java.util.Arrays;

/**
 * A {@link RateFunction} given by values on a voltage grid (e.g. a trained network's x∞(V) or τ(V) sampled
 * once), linearly interpolated and held constant beyond the ends. Evaluation is a binary search (or a
 * direct index on an even grid) and one interpolation; the simulator tabulates it again on its own grid.
 */
public final class TabulatedRate implements RateFunction {
    private final double[] v;
    private final double[] y;
    private final boolean even;
    private final double v0;
    private final double invDv;

    private TabulatedRate(double[] vMv, double[] values) {
        if (vMv.length != values.length || vMv.length < 2) {
            throw new ModelException("a tabulated rate needs at least two (V, value) pairs of equal count, got "
                    + vMv.length + " voltages and " + values.length + " values");
        }
        for (int i = 0; i < vMv.length; i++) {
            if (!Double.isFinite(vMv[i]) || !Double.isFinite(values[i])) {
                throw new ModelException("tabulated rate: non-finite entry at index " + i);
            }
            if (i > 0 && !(vMv[i] > vMv[i - 1])) {
                throw new ModelException("tabulated rate: voltages must increase, but V[" + i + "] = " + vMv[i]
                        + " mV follows " + vMv[i - 1] + " mV");
            }
        }
        this.v = vMv.clone();
        this.y = values.clone();
        double dv = (v[v.length - 1] - v[0]) / (v.length - 1);
        boolean ev = true;
        for (int i = 0; i < v.length && ev; i++) {
            ev = Math.abs(v[i] - (v[0] + i * dv)) <= 1e-9 * Math.max(1, Math.abs(v[i]));
        }
        this.even = ev;
        this.v0 = v[0];
        this.invDv = 1 / dv;
    }

    /** Values at increasing voltages {@code vMv} (mV). */
    public static TabulatedRate of(double[] vMv, double[] values) {
        return new TabulatedRate(vMv, values);
    }

    /** Values on the even grid vStartMv, vStartMv + dvMv, … */
    public static TabulatedRate evenGrid(double vStartMv, double dvMv, double[] values) {
        double[] vs = new double[values.length];
        for (int i = 0; i < vs.length; i++) {
            vs[i] = vStartMv + i * dvMv;
        }
        return new TabulatedRate(vs, values);
    }

    /** Samples any function on an even grid, e.g. to freeze a network into a plain table. */
    public static TabulatedRate sample(RateFunction f, double vStartMv, double vEndMv, int points) {
        if (points < 2 || !(vEndMv > vStartMv)) {
            throw new ModelException("sampling a rate needs at least 2 points on an increasing range");
        }
        double dv = (vEndMv - vStartMv) / (points - 1);
        double[] vals = new double[points];
        for (int i = 0; i < points; i++) {
            vals[i] = f.value(vStartMv + i * dv);
        }
        return evenGrid(vStartMv, dv, vals);
    }

    @Override
    public double value(double vMv) {
        int n = v.length;
        if (!(vMv > v[0])) {
            return Double.isNaN(vMv) ? Double.NaN : y[0];
        }
        if (vMv >= v[n - 1]) {
            return y[n - 1];
        }
        int k;
        if (even) {
            k = Math.min(n - 2, (int) ((vMv - v0) * invDv));
        } else {
            k = Arrays.binarySearch(v, vMv);
            k = k >= 0 ? Math.min(k, n - 2) : -k - 2;
        }
        double f = (vMv - v[k]) / (v[k + 1] - v[k]);
        return y[k] + (y[k + 1] - y[k]) * f;
    }

    /** The grid voltages (mV), a copy. */
    public double[] voltages() {
        return v.clone();
    }

    /** The tabulated values, a copy. */
    public double[] values() {
        return y.clone();
    }
}
