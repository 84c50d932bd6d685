package org.patchpinn.pinn;

import ai.djl.ndarray.NDArray;
import java.util.Arrays;
import java.util.List;
import org.patchpinn.model.CompiledGate;
import org.patchpinn.model.CurrentSpec;
import org.patchpinn.model.GateSpec;
import org.patchpinn.model.ModelSpec;
import org.patchpinn.model.Parameter;
import org.patchpinn.sim.DrivenGates;
import org.patchpinn.sim.GateTable;

/**
 * The known part of a hybrid model: a {@link ModelSpec} (built-in or model file) with every current it
 * declares, on top of which new states are learned. Its values are where a fit starts and its free
 * parameters are what the fit may change. The kinetics are the simulator's tables ({@link GateTable}) built
 * from the spec's rate laws, used on doubles and, as {@link NdGateTables}, by the differentiable integrator.
 * Currents are
 * I_k = g_k·∏x^p·(V − E_k) (pA, nS, mV), C dV/dt = I_stim − Σ I_k (pF).
 */
public final class KnownModel {
    private final ModelSpec spec;
    private final int cm;
    private final int[] g;
    private final int[] e;
    private final int[][] gateIdx;
    private final int[][] gatePow;
    private final boolean[] kinetic;
    private final int leak;
    private GateTable[] lastTables;
    private double[] lastKineticValues;

    private KnownModel(ModelSpec spec) {
        this.spec = spec;
        this.cm = spec.indexOf(spec.capacitance());
        List<CurrentSpec> cs = spec.currents();
        g = new int[cs.size()];
        e = new int[cs.size()];
        gateIdx = new int[cs.size()][];
        gatePow = new int[cs.size()][];
        int leakIdx = -1;
        for (int k = 0; k < cs.size(); k++) {
            CurrentSpec c = cs.get(k);
            g[k] = spec.indexOf(c.conductance());
            e[k] = spec.indexOf(c.reversal());
            gateIdx[k] = c.gates().stream().mapToInt(f -> spec.gateIndex(f.gate())).toArray();
            gatePow[k] = c.gates().stream().mapToInt(CurrentSpec.GateFactor::power).toArray();
            if (leakIdx < 0 && c.gates().isEmpty()) {
                leakIdx = k;
            }
        }
        leak = leakIdx;
        kinetic = new boolean[spec.parameterCount()];
        for (CompiledGate cg : spec.compiledGates()) {
            for (int i : cg.parameterIndices()) {
                kinetic[i] = true;
            }
        }
    }

    /**
     * The known model of {@code spec}; every gate must be given by expressions (a table, e.g. a gate learned
     * by an earlier fit, has no differentiable form).
     */
    public static KnownModel of(ModelSpec spec) {
        for (GateSpec gs : spec.gates()) {
            if (!gs.isExpression()) {
                throw new IllegalArgumentException("model " + spec.name() + ": gate " + gs.name() + " is given as a "
                        + "table (" + gs.first() + "), not by expressions; methods hybrid and pinn need the rate laws "
                        + "of every gate of the base model");
            }
        }
        return new KnownModel(spec);
    }

    public ModelSpec spec() {
        return spec;
    }

    public String name() {
        return spec.name();
    }

    /** Starting values of every parameter, in the spec's order. */
    public double[] values() {
        return spec.values();
    }

    public List<Parameter> parameters() {
        return spec.parameters();
    }

    public int parameterCount() {
        return spec.parameterCount();
    }

    /** True when the fit may change parameter {@code i}. */
    public boolean isFree(int i) {
        return !spec.parameters().get(i).fixed();
    }

    /** True when parameter {@code i} is read by a gate's rate law (VT, τmax …). */
    public boolean isKinetic(int i) {
        return kinetic[i];
    }

    public int capacitanceIndex() {
        return cm;
    }

    public int gateCount() {
        return spec.gates().size();
    }

    public int currentCount() {
        return g.length;
    }

    /** Index of the conductance parameter of current k. */
    public int conductanceIndex(int k) {
        return g[k];
    }

    /** Index of the reversal-potential parameter of current k. */
    public int reversalIndex(int k) {
        return e[k];
    }

    /** Current k's open fraction ∏ x^p for gates x (in the spec's gate order). */
    public double openFraction(int k, double[] x) {
        double o = 1;
        for (int j = 0; j < gateIdx[k].length; j++) {
            double xv = x[gateIdx[k][j]];
            double f = xv;
            for (int q = 1; q < gatePow[k][j]; q++) {
                f *= xv;
            }
            o *= f;
        }
        return o;
    }

    /** The same on NDArrays: gates[i] is gate i (any shape); null for a current without gates. */
    NDArray openFraction(int k, NDArray[] gates) {
        NDArray o = null;
        for (int j = 0; j < gateIdx[k].length; j++) {
            NDArray x = gates[gateIdx[k][j]];
            NDArray f = x;
            for (int q = 1; q < gatePow[k][j]; q++) {
                f = f.mul(x);
            }
            o = o == null ? f : o.mul(f);
        }
        return o;
    }

    /** Conductance (nS) and reversal (mV) a new state starts from: twice the leak's, at its reversal. */
    double[] latentStart(double[] p) {
        if (leak < 0) {
            return new double[] {1, -70};
        }
        return new double[] {Math.max(1, 2 * p[g[leak]]), p[e[leak]]};
    }

    /**
     * The simulator's gate tables for parameter values {@code p} (the last set is kept: between two calls only
     * conductances usually change, which the tables do not read).
     */
    public synchronized GateTable[] tables(double[] p) {
        double[] kv = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            kv[i] = kinetic[i] ? p[i] : 0;
        }
        if (lastTables == null || !Arrays.equals(kv, lastKineticValues)) {
            List<CompiledGate> gates = spec.compiledGates();
            GateTable[] t = new GateTable[gates.size()];
            for (int i = 0; i < t.length; i++) {
                t[i] = GateTable.of(gates.get(i).bind(p));
            }
            lastTables = t;
            lastKineticValues = kv;
        }
        return lastTables;
    }

    /** Every gate [gate][sample] driven by the voltage trace {@code vMv}, from steady state at its start. */
    public double[][] driven(double[] p, double[] vMv, double dtMs, int substeps) {
        return DrivenGates.along(tables(p), vMv, dtMs, substeps);
    }
}
