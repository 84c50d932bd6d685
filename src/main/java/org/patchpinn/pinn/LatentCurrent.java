package org.patchpinn.pinn;

import ai.djl.ndarray.NDArray;
import java.util.Map;
import java.util.Random;

/**
 * The new state a fit learns: I_z = g·z·(V−E) with dz/dt = (z∞(V) − z)/τz(V), where z∞ and τz are small
 * networks of V (the form of Beck et al. 2026: interpretable as a gate, smooth for symbolic regression).
 * Bounds are built into the parameterisation: g = gScale·softplus(ρg) &gt; 0, E = EMIN + (EMAX−EMIN)·σ(ρE),
 * z∞ = σ(s·x + net(x)), τz = TAU_MIN + TAU_SCALE·exp(ρτ)·softplus(net(x)) ms with x = (V+40)/30. The
 * scalar slope s and time scale ρτ learn fast (a Boltzmann gate with one time constant, the usual first
 * guess); the networks start at zero output and add the shape the data asks for.
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
        // a weak prior for an activating gate (z∞ rising with V, slope 30 mV): from a flat z∞ the window
        // loss barely feels the voltage dependence and z∞ stays flat (see HybridStagesBenchmark); data may reverse it
        set.add(name + ".slope", set.manager().create(new float[] {1f}), scalarRate);
        set.add(name + ".rhoTau", set.manager().create(new float[] {0f}), scalarRate);
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
        NDArray x = input(v);
        return Nd.sigmoid(zInf.forward(set, x).add(x.mul(set.get(name + ".slope"))).reshape(-1));
    }

    /** τz in ms at voltages v of shape [N]; result [N]. */
    NDArray tauZ(TrainableSet set, NDArray v) {
        NDArray scale = Nd.mul(set.get(name + ".rhoTau").exp(), TAU_SCALE);
        return Nd.add(Nd.softplus(tauZ.forward(set, input(v)).reshape(-1)).mul(scale), TAU_MIN);
    }

    private static NDArray input(NDArray v) {
        return Nd.div(Nd.sub(v, V_CENTRE), V_WIDTH).reshape(-1, 1);
    }

    /** Sets g (nS, &gt; 0) and E (mV, inside (E_MIN, E_MAX)) by inverting their parameterisations. */
    void set(TrainableSet set, double gNs, double eMv) {
        double u = gNs / gScale;
        // inverse softplus, stable for large u
        double rhoG = u > 20 ? u : Math.log(Math.expm1(u));
        double frac = (eMv - E_MIN) / (E_MAX - E_MIN);
        set.setScalar(name + ".rhoG", rhoG);
        set.setScalar(name + ".rhoE", Math.log(frac / (1 - frac)));
    }

    // ---- plain-Java evaluation of a trained current (tabulation, forward simulation, reports) ----

    double gValue(Map<String, double[]> p) {
        return gScale * softplus(p.get(name + ".rhoG")[0]);
    }

    double eValue(Map<String, double[]> p) {
        return E_MIN + (E_MAX - E_MIN) * sigmoid(p.get(name + ".rhoE")[0]);
    }

    double zInfValue(Map<String, double[]> p, double v) {
        double x = (v - V_CENTRE) / V_WIDTH;
        return sigmoid(zInf.evaluate(p, new double[] {x})[0] + p.get(name + ".slope")[0] * x);
    }

    double tauValue(Map<String, double[]> p, double v) {
        return TAU_MIN + TAU_SCALE * Math.exp(p.get(name + ".rhoTau")[0])
                * softplus(tauZ.evaluate(p, new double[] {(v - V_CENTRE) / V_WIDTH})[0]);
    }

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    static double softplus(double x) {
        return Math.log1p(Math.exp(-Math.abs(x))) + Math.max(x, 0);
    }
}
