package org.patchpinn.sim;

import java.util.List;
import org.apache.commons.math3.ode.FirstOrderDifferentialEquations;
import org.patchpinn.model.CompiledGate;
import org.patchpinn.model.CurrentSpec;
import org.patchpinn.model.GateKinetics;
import org.patchpinn.model.ModelSpec;

/**
 * The model's right-hand side for Commons Math's ODE integrators, state [V, gates…], rate laws evaluated
 * directly (no tables). Slow; it is the reference the fast {@link Simulator} is checked against.
 */
public final class ModelOde implements FirstOrderDifferentialEquations {
    private final GateKinetics[] kinetics;
    private final double cm;
    private final double[] g;
    private final double[] e;
    private final int[][] gateIdx;
    private final int[][] gatePow;
    private final Stimulus stim;

    public ModelOde(ModelSpec m, double[] p, Stimulus stim) {
        m.checkBounds(p);
        this.stim = stim;
        List<CompiledGate> gates = m.compiledGates();
        kinetics = gates.stream().map(cg -> cg.bind(p)).toArray(GateKinetics[]::new);
        cm = p[m.indexOf(m.capacitance())];
        List<CurrentSpec> cs = m.currents();
        g = new double[cs.size()];
        e = new double[cs.size()];
        gateIdx = new int[cs.size()][];
        gatePow = new int[cs.size()][];
        for (int k = 0; k < cs.size(); k++) {
            g[k] = p[m.indexOf(cs.get(k).conductance())];
            e[k] = p[m.indexOf(cs.get(k).reversal())];
            gateIdx[k] = cs.get(k).gates().stream().mapToInt(f -> m.gateIndex(f.gate())).toArray();
            gatePow[k] = cs.get(k).gates().stream().mapToInt(CurrentSpec.GateFactor::power).toArray();
        }
    }

    @Override
    public int getDimension() {
        return 1 + kinetics.length;
    }

    @Override
    public void computeDerivatives(double t, double[] y, double[] yDot) {
        double v = y[0];
        double iIon = 0;
        for (int k = 0; k < g.length; k++) {
            double o = 1;
            for (int j = 0; j < gateIdx[k].length; j++) {
                o *= Math.pow(y[1 + gateIdx[k][j]], gatePow[k][j]);
            }
            iIon += g[k] * o * (v - e[k]);
        }
        yDot[0] = (stim.currentPa(t) - iIon) / cm;
        for (int i = 0; i < kinetics.length; i++) {
            yDot[1 + i] = (kinetics[i].inf().value(v) - y[1 + i]) / kinetics[i].tauMs().value(v);
        }
    }
}
