package org.patchpinn.sim;

import java.util.List;
import org.patchpinn.model.CompiledGate;
import org.patchpinn.model.CurrentSpec;
import org.patchpinn.model.GateKinetics;
import org.patchpinn.model.ModelSpec;

/**
 * A model with parameter values bound and gate tables built: the form the integrator works on. Plain arrays, no maps or strings, so the inner loop is tight.
 */
final class PreparedModel {
    final ModelSpec spec;
    final double cm;
    final GateKinetics[] kinetics;
    final GateTable[] tables;
    /** All gates' tables interleaved node by node ([node][gate][x∞, 1/τ]) for cache locality. */
    final double[] combined;
    final int nGates;
    final int nCurrents;
    final double[] g;
    final double[] e;
    /** Per current: gate indices and powers. */
    final int[][] gateIdx;
    final int[][] gatePow;
    /** The same flattened for the inner loop: factors of current c are factorEnd[c-1] until factorEnd[c]. */
    final int[] factorEnd;
    final int[] factorGate;
    final int[] factorPow;

    PreparedModel(ModelSpec spec, double[] p, GateTableCache cache) {
        this.spec = spec;
        spec.checkBounds(p);
        this.cm = p[spec.indexOf(spec.capacitance())];
        List<CompiledGate> gates = spec.compiledGates();
        nGates = gates.size();
        kinetics = new GateKinetics[nGates];
        tables = new GateTable[nGates];
        for (int i = 0; i < nGates; i++) {
            CompiledGate cg = gates.get(i);
            kinetics[i] = cg.bind(p);
            tables[i] = cache.table(spec, cg, kinetics[i], p);
        }
        combined = cache.combined(tables);
        List<CurrentSpec> cs = spec.currents();
        nCurrents = cs.size();
        g = new double[nCurrents];
        e = new double[nCurrents];
        gateIdx = new int[nCurrents][];
        gatePow = new int[nCurrents][];
        for (int k = 0; k < nCurrents; k++) {
            CurrentSpec c = cs.get(k);
            g[k] = p[spec.indexOf(c.conductance())];
            e[k] = p[spec.indexOf(c.reversal())];
            gateIdx[k] = c.gates().stream().mapToInt(f -> spec.gateIndex(f.gate())).toArray();
            gatePow[k] = c.gates().stream().mapToInt(CurrentSpec.GateFactor::power).toArray();
        }
        factorEnd = new int[nCurrents];
        int nf = 0;
        for (int k = 0; k < nCurrents; k++) {
            nf += gateIdx[k].length;
            factorEnd[k] = nf;
        }
        factorGate = new int[nf];
        factorPow = new int[nf];
        for (int k = 0, f = 0; k < nCurrents; k++) {
            for (int j = 0; j < gateIdx[k].length; j++, f++) {
                factorGate[f] = gateIdx[k][j];
                factorPow[f] = gatePow[k][j];
            }
        }
    }

    /** Open fraction ∏ x^p of current k for gate values x. */
    double openFraction(int k, double[] x) {
        double o = 1;
        int[] gi = gateIdx[k];
        int[] gp = gatePow[k];
        for (int j = 0; j < gi.length; j++) {
            double xv = x[gi[j]];
            double f = xv;
            for (int q = 1; q < gp[j]; q++) {
                f *= xv;
            }
            o *= f;
        }
        return o;
    }

    /** Ionic current of current k in pA at voltage v. */
    double current(int k, double v, double[] x) {
        return g[k] * openFraction(k, x) * (v - e[k]);
    }

    /** Net ionic current (pA, outward positive) with every gate at its steady state for v. */
    double steadyStateCurrent(double v, double[] scratch) {
        for (int i = 0; i < nGates; i++) {
            scratch[i] = tables[i].inf(v);
        }
        double s = 0;
        for (int k = 0; k < nCurrents; k++) {
            s += current(k, v, scratch);
        }
        return s;
    }
}
