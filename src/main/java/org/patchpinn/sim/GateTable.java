package org.patchpinn.sim;

import org.patchpinn.model.GateKinetics;

/**
 * A gate's steady state x∞(V) and rate 1/τ(V) tabulated on a fine voltage grid shared by all gates, so
 * the integrator's inner loop does two linear interpolations per gate instead of evaluating rate laws (and
 * their exp() calls). The grid is offset from round voltages so that removable singularities of rate laws
 * (x/(1−e^(−x/k)) at x = 0) never fall on a node. Outside the grid the kinetics are evaluated directly.
 */
public final class GateTable {
    static final double V_MIN = -160.00731;
    static final double V_MAX = 120.0;

    /** Grid spacing (mV), its inverse, and the number of nodes. */
    final double h;
    final double invH;
    final int n;

    private final GateKinetics kinetics;
    /** Per node k: x∞ at 2k, 1/τ (1/ms) at 2k+1. */
    final double[] t;

    GateTable(GateKinetics kinetics, double h) {
        this.kinetics = kinetics;
        this.h = h;
        this.invH = 1 / h;
        this.n = (int) Math.ceil((V_MAX - V_MIN) / h) + 1;
        this.t = new double[2 * n];
        for (int k = 0; k < n; k++) {
            double v = V_MIN + k * h;
            t[2 * k] = inf(v);
            t[2 * k + 1] = 1 / tau(v);
        }
    }

    /** The table the simulator integrates, at its default spacing {@link Simulator#DEFAULT_TABLE_STEP_MV}. */
    public static GateTable of(GateKinetics kinetics) {
        return new GateTable(kinetics, Simulator.DEFAULT_TABLE_STEP_MV);
    }

    /** Number of grid nodes. */
    public int nodes() {
        return n;
    }

    /** Grid spacing (mV). */
    public double stepMv() {
        return h;
    }

    /** Voltage (mV) of node k. */
    public double nodeVoltage(int k) {
        return V_MIN + k * h;
    }

    /** x∞ at node k, as tabulated. */
    public double steadyStateAtNode(int k) {
        return t[2 * k];
    }

    /** 1/τ (1/ms) at node k, as tabulated. */
    public double rateAtNode(int k) {
        return t[2 * k + 1];
    }

    /** x∞ at v, interpolated as the integrator does (evaluated directly off the grid). */
    public double steadyState(double v) {
        double pos = (v - V_MIN) * invH;
        int k = (int) pos;
        if (pos >= 0 && k < n - 1) {
            double f = pos - k;
            return t[2 * k] + (t[2 * k + 2] - t[2 * k]) * f;
        }
        return inf(v);
    }

    /** x∞ at {@link RestingState#SCAN_V}, computed on first use: every resting-state search scans them. */
    private volatile double[] scanInf;

    double[] scanInf() {
        double[] s = scanInf;
        if (s == null) {
            double[] vs = RestingState.SCAN_V;
            s = new double[vs.length];
            for (int i = 0; i < vs.length; i++) {
                s[i] = inf(vs[i]);
            }
            scanInf = s;
        }
        return s;
    }

    /** x∞ clipped to [0, 1]: a learned or discovered law may stray outside far from its data. */
    double inf(double v) {
        double x = kinetics.inf().value(v);
        return Double.isNaN(x) ? 0 : Math.max(0, Math.min(1, x));
    }

    /** τ (ms) kept within 1 µs … 1e6 ms for the same reason. */
    double tau(double v) {
        double tau = kinetics.tauMs().value(v);
        return Double.isNaN(tau) ? 1 : Math.max(1e-3, Math.min(1e6, tau));
    }

    /** dx/dt at voltage v, away from the grid (rare: only beyond −160 or +120 mV). */
    double derivativeOffGrid(double x, double v) {
        return (inf(v) - x) / tau(v);
    }

    /** 1/τ (1/ms) at v, interpolated as the integrator does (evaluated directly off the grid). */
    public double rate(double v) {
        double pos = (v - V_MIN) * invH;
        int k = (int) pos;
        if (pos >= 0 && k < n - 1) {
            double f = pos - k;
            return t[2 * k + 1] + (t[2 * k + 3] - t[2 * k + 1]) * f;
        }
        return 1 / tau(v);
    }
}
