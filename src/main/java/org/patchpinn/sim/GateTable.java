package org.patchpinn.sim;

import org.patchpinn.model.GateKinetics;

/**
 * A gate's steady state x∞(V) and rate 1/τ(V) tabulated on a fine voltage grid shared by all gates, so
 * the integrator's inner loop does two linear interpolations per gate instead of evaluating rate laws (and
 * their exp() calls). The grid is offset from round voltages so that removable singularities of rate laws
 * (x/(1−e^(−x/k)) at x = 0) never fall on a node. Beyond the grid (−160…+120 mV) the end nodes' values hold:
 * every gate has saturated there, and the voltages are reached only by models driven outside physiology.
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

    /** x∞ at v, interpolated as the integrator does (held at the grid's ends beyond it). */
    public double steadyState(double v) {
        double pos = position(v);
        int k = Math.min((int) pos, n - 2);
        return t[2 * k] + (t[2 * k + 2] - t[2 * k]) * (pos - k);
    }

    /** v's position on the grid in nodes, held at its ends (NaN counts as below). */
    private double position(double v) {
        double pos = (v - V_MIN) * invH;
        if (pos >= 0 && pos <= n - 1) {
            return pos;
        }
        return pos > n - 1 ? n - 1 : 0;
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

    /** 1/τ (1/ms) at v, interpolated as the integrator does (held at the grid's ends beyond it). */
    public double rate(double v) {
        double pos = position(v);
        int k = Math.min((int) pos, n - 2);
        return t[2 * k + 1] + (t[2 * k + 3] - t[2 * k + 1]) * (pos - k);
    }
}
