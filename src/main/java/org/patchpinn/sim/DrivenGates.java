package org.patchpinn.sim;

/**
 * Gates driven by a given voltage trace (e.g. a measured one): each gate obeys the linear ODE
 * dx/dt = (x∞(V) − x)/τ(V) with V(t) known, integrated exactly for V held at the midpoint of each sub-step
 * (exponential Euler), from steady state at the first sample. Multiple shooting starts its windows from
 * these states; comparisons of a learned current with a reference one drive both with the same V.
 */
public final class DrivenGates {
    private DrivenGates() {
    }

    /** Gates [gate][sample] along {@code vMv} (sampled every {@code dtMs}), {@code substeps} per sample. */
    public static double[][] along(GateTable[] gates, double[] vMv, double dtMs, int substeps) {
        int n = vMv.length;
        double[][] x = new double[gates.length][n];
        double h = dtMs / substeps;
        for (int g = 0; g < gates.length; g++) {
            GateTable t = gates[g];
            double state = t.steadyState(vMv[0]);
            x[g][0] = state;
            for (int k = 0; k + 1 < n; k++) {
                for (int s = 0; s < substeps; s++) {
                    double vm = vMv[k] + (vMv[k + 1] - vMv[k]) * (s + 0.5) / substeps;
                    double inf = t.steadyState(vm);
                    state = inf + (state - inf) * Math.exp(-h * t.rate(vm));
                }
                x[g][k + 1] = state;
            }
        }
        return x;
    }
}
