package org.patchpinn.pinn;

/**
 * Gates driven by the measured voltage. In current clamp each gate obeys dx/dt = α(V)(1−x) − β(V)x with
 * V(t) measured, a linear ODE integrated here exactly for piecewise-linear V (exponential Euler on
 * sub-steps). Used to start every shooting window from consistent hidden states (SCIENCE.md).
 */
final class DrivenGates {
    private DrivenGates() {
    }

    /** Gates [gate][sample] of {@code base} along {@code v}, starting at steady state of the first sample. */
    static double[][] along(BaseModel base, double[] v, double dtMs, int substeps) {
        int n = v.length;
        double[][] x = new double[3][n];
        double[] ab = new double[2];
        double h = dtMs / substeps;
        for (int g = 0; g < 3; g++) {
            double state = base.steadyState(g, v[0]);
            x[g][0] = state;
            for (int k = 0; k + 1 < n; k++) {
                for (int s = 0; s < substeps; s++) {
                    double vm = v[k] + (v[k + 1] - v[k]) * (s + 0.5) / substeps;
                    base.rates(g, vm, ab);
                    double sum = ab[0] + ab[1];
                    double inf = ab[0] / sum;
                    state = inf + (state - inf) * Math.exp(-h * sum);
                }
                x[g][k + 1] = state;
            }
        }
        return x;
    }
}
