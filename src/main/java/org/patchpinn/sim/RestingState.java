package org.patchpinn.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * The steady state for a constant current I: the voltage where I equals the net ionic current with every
 * gate at its steady state, then x = x∞(V). Scans −120…+60 mV for sign changes and refines by bisection;
 * of several equilibria it takes the most hyperpolarised one whose slope makes it attractive, the resting
 * state a cell sits in before a stimulus.
 */
final class RestingState {
    private RestingState() {
    }

    static double[] find(PreparedModel pm, double iPa) {
        double[] scratch = new double[pm.nGates];
        double lo = -120;
        double hi = 60;
        double dv = 0.25;
        List<double[]> roots = new ArrayList<>();
        double prevV = lo;
        double prevF = f(pm, prevV, iPa, scratch);
        double bestV = prevV;
        double bestAbs = Math.abs(prevF);
        for (double v = lo + dv; v <= hi + 1e-9; v += dv) {
            double fv = f(pm, v, iPa, scratch);
            if (Math.abs(fv) < bestAbs) {
                bestAbs = Math.abs(fv);
                bestV = v;
            }
            if (prevF > 0 && fv <= 0) {
                roots.add(new double[] {prevV, v});
            }
            prevV = v;
            prevF = fv;
        }
        double vRest = bestV;
        if (!roots.isEmpty()) {
            double a = roots.get(0)[0];
            double b = roots.get(0)[1];
            for (int it = 0; it < 60; it++) {
                double mid = 0.5 * (a + b);
                if (f(pm, mid, iPa, scratch) > 0) {
                    a = mid;
                } else {
                    b = mid;
                }
            }
            vRest = 0.5 * (a + b);
        }
        double[] s = new double[pm.nGates + 1];
        s[0] = vRest;
        for (int i = 0; i < pm.nGates; i++) {
            s[i + 1] = pm.tables[i].inf(vRest);
        }
        return s;
    }

    /** C dV/dt at steady-state gates: positive below an attracting equilibrium, negative above it. */
    private static double f(PreparedModel pm, double v, double iPa, double[] scratch) {
        return iPa - pm.steadyStateCurrent(v, scratch);
    }
}
