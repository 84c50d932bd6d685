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

    /** The scan's voltages, accumulated exactly as a loop of v += 0.25 from −120 to +60 mV would. */
    static final double[] SCAN_V = scanVoltages();

    private static double[] scanVoltages() {
        List<Double> vs = new ArrayList<>();
        vs.add(-120.0);
        for (double v = -120 + 0.25; v <= 60 + 1e-9; v += 0.25) {
            vs.add(v);
        }
        return vs.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static double[] find(PreparedModel pm, double iPa) {
        double[] scratch = new double[pm.nGates];
        double[][] inf = new double[pm.nGates][];
        for (int i = 0; i < pm.nGates; i++) {
            inf[i] = pm.tables[i].scanInf();
        }
        List<double[]> roots = new ArrayList<>();
        double prevV = SCAN_V[0];
        double prevF = fScan(pm, 0, iPa, inf, scratch);
        double bestV = prevV;
        double bestAbs = Math.abs(prevF);
        for (int n = 1; n < SCAN_V.length; n++) {
            double v = SCAN_V[n];
            double fv = fScan(pm, n, iPa, inf, scratch);
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

    /** {@link #f} at scan voltage n, with the gates' x∞ there taken from their tables' memory. */
    private static double fScan(PreparedModel pm, int n, double iPa, double[][] inf, double[] scratch) {
        for (int i = 0; i < scratch.length; i++) {
            scratch[i] = inf[i][n];
        }
        double s = 0;
        for (int k = 0; k < pm.nCurrents; k++) {
            s += pm.current(k, SCAN_V[n], scratch);
        }
        return iPa - s;
    }

    /** C dV/dt at steady-state gates: positive below an attracting equilibrium, negative above it. */
    private static double f(PreparedModel pm, double v, double iPa, double[] scratch) {
        return iPa - pm.steadyStateCurrent(v, scratch);
    }
}
