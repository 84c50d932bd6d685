package org.patchpinn.sim;

import org.patchpinn.model.GateKinetics;

/**
 * Rush–Larsen update coefficients of one gate tabulated over V for a fixed step: over a step of length
 * s with V held, x ← A(V) + E(V)·x with E = e^(−s/τ(V)) and A = x∞(V)·(1 − E), the exact solution of the
 * gate's linear ODE. Stored for the full step and the half step (the midpoint scheme needs both), linearly
 * interpolated on a fine grid, so the inner loop needs no exp() and no rate-law evaluation. Removable
 * singularities never hit a node: the grid is offset from round voltages. Outside the grid (rare) the
 * kinetics are evaluated directly.
 */
final class GateTable {
    static final double V_MIN = -160.00731;
    static final double V_MAX = 120.0;
    static final double H = 0.025;
    private static final int N = (int) Math.ceil((V_MAX - V_MIN) / H) + 1;

    private final GateKinetics kinetics;
    private final double step;
    /** Per node k: [E_full, A_full, E_half, A_half] at 4k..4k+3. */
    private final double[] t;

    GateTable(GateKinetics kinetics, double stepMs) {
        this.kinetics = kinetics;
        this.step = stepMs;
        this.t = new double[4 * N];
        for (int k = 0; k < N; k++) {
            double v = V_MIN + k * H;
            double inf = inf(v);
            double tau = tau(v);
            double e1 = Math.exp(-stepMs / tau);
            double eh = Math.exp(-0.5 * stepMs / tau);
            t[4 * k] = e1;
            t[4 * k + 1] = inf * (1 - e1);
            t[4 * k + 2] = eh;
            t[4 * k + 3] = inf * (1 - eh);
        }
    }

    /** x∞ clipped to [0, 1]; a learned or discovered law may stray outside far from its data. */
    double inf(double v) {
        double x = kinetics.inf().value(v);
        return Double.isNaN(x) ? 0 : Math.max(0, Math.min(1, x));
    }

    /** τ kept positive and finite for the same reason (1 µs to 1e6 ms). */
    double tau(double v) {
        double tau = kinetics.tauMs().value(v);
        return Double.isNaN(tau) ? 1 : Math.max(1e-3, Math.min(1e6, tau));
    }

    /** x after a full step ({@code half} false) or half step from x at voltage v. */
    double advance(double x, double v, boolean half) {
        double pos = (v - V_MIN) * (1 / H);
        int k = (int) pos;
        int o = half ? 2 : 0;
        if (pos >= 0 && k < N - 1) {
            double f = pos - k;
            int i = 4 * k + o;
            double e = t[i] + (t[i + 4] - t[i]) * f;
            double a = t[i + 1] + (t[i + 5] - t[i + 1]) * f;
            return a + e * x;
        }
        if (Double.isNaN(v)) {
            return Double.NaN;
        }
        double tau = tau(v);
        double inf = inf(v);
        double e = Math.exp(-(half ? 0.5 * step : step) / tau);
        return inf + (x - inf) * e;
    }
}
