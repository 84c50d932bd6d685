package org.patchpinn.pinn;

import ai.djl.ndarray.NDArray;
import java.util.Map;
import java.util.Random;

/**
 * The new state a fit learns: I_z = g·z·(V−E) with dz/dt = (z∞(V) − z)/τz(V), where z∞ and τz are small
 * networks of V (the form of Beck et al. 2026: interpretable as a gate, smooth for symbolic regression).
 * Bounds are built into the parameterisation: g = gScale·softplus(ρg) &gt; 0, E = EMIN + (EMAX−EMIN)·σ(ρE),
 * z∞ = σ(net), τz = TAU_MIN + TAU_SCALE·softplus(net) ms.
 */
final class LatentCurrent {
    static final double E_MIN = -110;
    static final double E_MAX = 60;
    static final double TAU_MIN = 1.0;
    static final double TAU_SCALE = 100.0;
    private static final double V_CENTRE = -40;
    private static final double V_WIDTH = 30;

    private final String name;
    private final double gScale;
    private final Mlp zInf;
    private final Mlp tauZ;

    LatentCurrent(TrainableSet set, String name, double gInit, double eInit, double netRate, double scalarRate,
                  Random rng) {
        this.name = name;
        this.gScale = gInit / Math.log(2);
        set.add(name + ".rhoG", set.manager().create(new float[] {0f}), scalarRate);
        double frac = (eInit - E_MIN) / (E_MAX - E_MIN);
        set.add(name + ".rhoE", set.manager().create(new float[] {(float) Math.log(frac / (1 - frac))}),
                scalarRate);
        int[] widths = {1, 16, 16, 1};
        zInf = new Mlp(set, name + ".zinf", widths, netRate, rng);
        tauZ = new Mlp(set, name + ".tau", widths, netRate, rng);
    }

    String name() {
        return name;
    }

    NDArray g(TrainableSet set) {
        return Nd.mul(Nd.softplus(set.get(name + ".rhoG")), gScale);
    }

    NDArray e(TrainableSet set) {
        return Nd.add(Nd.mul(Nd.sigmoid(set.get(name + ".rhoE")), E_MAX - E_MIN), E_MIN);
    }

    /** z∞ at voltages v of shape [N]; result [N]. */
    NDArray zInf(TrainableSet set, NDArray v) {
        return Nd.sigmoid(zInf.forward(set, input(v)).reshape(-1));
    }

    /** τz in ms at voltages v of shape [N]; result [N]. */
    NDArray tauZ(TrainableSet set, NDArray v) {
        return Nd.add(Nd.mul(Nd.softplus(tauZ.forward(set, input(v)).reshape(-1)), TAU_SCALE), TAU_MIN);
    }

    private static NDArray input(NDArray v) {
        return Nd.div(Nd.sub(v, V_CENTRE), V_WIDTH).reshape(-1, 1);
    }

    // ---- plain-Java evaluation of a trained current (tabulation, forward simulation, reports) ----

    double gValue(Map<String, double[]> p) {
        return gScale * softplus(p.get(name + ".rhoG")[0]);
    }

    double eValue(Map<String, double[]> p) {
        return E_MIN + (E_MAX - E_MIN) * sigmoid(p.get(name + ".rhoE")[0]);
    }

    double zInfValue(Map<String, double[]> p, double v) {
        return sigmoid(zInf.evaluate(p, new double[] {(v - V_CENTRE) / V_WIDTH})[0]);
    }

    double tauValue(Map<String, double[]> p, double v) {
        return TAU_MIN + TAU_SCALE * softplus(tauZ.evaluate(p, new double[] {(v - V_CENTRE) / V_WIDTH})[0]);
    }

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    static double softplus(double x) {
        return Math.log1p(Math.exp(-Math.abs(x))) + Math.max(x, 0);
    }
}
