package org.patchpinn.pinn;

import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.patchpinn.model.GateSpec;
import org.patchpinn.model.ModelSpec;
import org.patchpinn.model.Parameter;
import org.patchpinn.model.TabulatedRate;
import org.patchpinn.sim.GateTable;
import org.patchpinn.sim.SimulationResult;
import org.patchpinn.sim.Simulator;
import org.patchpinn.sim.Stimuli;

/**
 * A fitted hybrid model in plain Java: the known model's parameter values and latent currents whose
 * z∞(V) and τz(V) are tabulated on a voltage grid (what {@code learned.csv} holds). It simulates whole
 * sweeps forward for validation and summary statistics.
 */
public final class FittedModel {
    public static final double V_MIN = -120;
    public static final double V_MAX = 60;
    public static final double V_STEP = 0.5;

    /** One latent current, g (nS), E (mV) and its tabulated gate functions. */
    public record Latent(double gNs, double eMv, double[] zInf, double[] tauMs) {
        static Latent tabulate(LatentCurrent lc, Map<String, double[]> values) {
            return of(lc.gValue(values), lc.eValue(values), v -> lc.zInfValue(values, v),
                    v -> lc.tauValue(values, v));
        }

        /** A latent current from closed-form functions (e.g. the true M-current of a benchmark). */
        public static Latent of(double gNs, double eMv, DoubleUnaryOperator zInf, DoubleUnaryOperator tauMs) {
            int n = gridSize();
            double[] zi = new double[n];
            double[] tau = new double[n];
            for (int i = 0; i < n; i++) {
                double v = V_MIN + i * V_STEP;
                zi[i] = zInf.applyAsDouble(v);
                tau[i] = tauMs.applyAsDouble(v);
            }
            return new Latent(gNs, eMv, zi, tau);
        }

        public double zInfAt(double v) {
            return interp(zInf, v);
        }

        public double tauAt(double v) {
            return interp(tauMs, v);
        }
    }

    /** Trajectories of a forward simulation, one value per recorded sample. */
    public record Simulation(double[] v, double[][] latentCurrentPa) { }

    private final KnownModel base;
    private final double[] params;
    private final List<Latent> latents;
    /** {@link #spec()}, built on first use. */
    private volatile ModelSpec spec;

    /** @param params every parameter of the base model, in its spec's order */
    public FittedModel(KnownModel base, double[] params, List<Latent> latents) {
        if (params.length != base.parameterCount()) {
            throw new IllegalArgumentException("model " + base.name() + " has " + base.parameterCount()
                    + " parameters, got " + params.length + " values");
        }
        this.base = base;
        this.params = params.clone();
        this.latents = List.copyOf(latents);
    }

    public KnownModel base() { return base; }

    /** Every base parameter (spec order, units of the spec: pF, nS, mV, ms). */
    public double[] parameters() { return params.clone(); }

    public List<Latent> latents() { return latents; }

    static int gridSize() {
        return (int) Math.round((V_MAX - V_MIN) / V_STEP) + 1;
    }

    static double interp(double[] table, double v) {
        double x = (Math.max(V_MIN, Math.min(V_MAX, v)) - V_MIN) / V_STEP;
        int i = Math.min((int) x, table.length - 2);
        double f = x - i;
        return table[i] * (1 - f) + table[i + 1] * f;
    }

    /**
     * Simulates a sweep with stimulus {@code iPa} from rest at {@code v0} (gates and latent gates at steady
     * state) with exponential Euler, {@code substeps} per sample: the summary-statistic refinement's inner
     * loop, where thousands of runs are needed. It is several times faster than {@link #simulate(double[],
     * double, double)} with the same spike trains and a slightly different adaptation index (see
     * SimulatorParityBenchmark). Everything that scores or reports a model uses the project's simulator instead.
     */
    public Simulation simulateExpEuler(double[] iPa, double dtMs, double v0, int substeps) {
        int n = iPa.length;
        int nl = latents.size();
        int ng = base.gateCount();
        int nc = base.currentCount();
        GateTable[] tables = base.tables(params);
        double[] gc = new double[nc];
        double[] ec = new double[nc];
        for (int k = 0; k < nc; k++) {
            gc[k] = params[base.conductanceIndex(k)];
            ec[k] = params[base.reversalIndex(k)];
        }
        double[] vOut = new double[n];
        double[][] izOut = new double[nl][n];
        double[] x = new double[ng];
        double[] z = new double[nl];
        double v = v0;
        for (int g = 0; g < ng; g++) {
            x[g] = tables[g].steadyState(v);
        }
        for (int j = 0; j < nl; j++) {
            z[j] = latents.get(j).zInfAt(v);
        }
        double h = dtMs / substeps;
        double cm = params[base.capacitanceIndex()];
        for (int k = 0; k < n; k++) {
            vOut[k] = v;
            for (int j = 0; j < nl; j++) {
                izOut[j][k] = latents.get(j).gNs() * z[j] * (v - latents.get(j).eMv());
            }
            if (k + 1 == n) {
                break;
            }
            for (int s = 0; s < substeps; s++) {
                for (int g = 0; g < ng; g++) {
                    double inf = tables[g].steadyState(v);
                    x[g] = inf + (x[g] - inf) * Math.exp(-h * tables[g].rate(v));
                }
                double gt = 0;
                double num = iPa[k];
                for (int j = 0; j < nl; j++) {
                    Latent l = latents.get(j);
                    double inf = l.zInfAt(v);
                    z[j] = inf + (z[j] - inf) * Math.exp(-h / l.tauAt(v));
                    gt += l.gNs() * z[j];
                    num += l.gNs() * z[j] * l.eMv();
                }
                for (int c = 0; c < nc; c++) {
                    double o = gc[c] * base.openFraction(c, x);
                    gt += o;
                    num += o * ec[c];
                }
                double vinf = num / gt;
                v = vinf + (v - vinf) * Math.exp(-h * gt / cm);
            }
        }
        return new Simulation(vOut, izOut);
    }

    /**
     * The base model with these values and each latent current as {@code Iz<j>} = gz<j>·z<j>·(V − Ez<j>),
     * its gate's z∞ and τz as tables: the form the project's simulator runs and a fit hands back.
     */
    public ModelSpec spec() {
        ModelSpec m = spec;
        if (m == null) {
            m = buildSpec();
            spec = m;
        }
        return m;
    }

    /** The base model with these values (bounds widened where a value left them), without the latent currents. */
    public ModelSpec baseSpec() {
        ModelSpec m = base.spec();
        for (int i = 0; i < params.length; i++) {
            Parameter q = m.parameters().get(i);
            if (params[i] != q.value()) {
                m = m.withBounds(q.name(), Math.min(q.lower(), params[i]), Math.max(q.upper(), params[i]))
                        .withValue(q.name(), params[i]);
            }
        }
        return m;
    }

    private ModelSpec buildSpec() {
        ModelSpec m = baseSpec();
        for (int j = 0; j < latents.size(); j++) {
            Latent l = latents.get(j);
            String z = "z" + (j + 1);
            GateSpec gate = GateSpec.infTau(z, TabulatedRate.evenGrid(V_MIN, V_STEP, l.zInf()),
                    TabulatedRate.evenGrid(V_MIN, V_STEP, l.tauMs()));
            m = m.withGatedCurrent(z, l.gNs(), l.eMv(), gate);
        }
        return m;
    }

    /**
     * Simulates a sweep with stimulus {@code iPa} (sampled every {@code dtMs}) from {@code v0} with every gate
     * at steady state, with the project's simulator ({@link Simulator}, RK4 on the gate tables): the model
     * {@link #spec()} hands back is the model scored here.
     */
    public Simulation simulate(double[] iPa, double dtMs, double v0) {
        ModelSpec m = spec();
        double[] init = new double[1 + m.gates().size()];
        init[0] = v0;
        GateTable[] tables = base.tables(params);
        for (int g = 0; g < tables.length; g++) {
            init[1 + g] = tables[g].steadyState(v0);
        }
        for (int j = 0; j < latents.size(); j++) {
            init[1 + tables.length + j] = latents.get(j).zInfAt(v0);
        }
        int n = iPa.length;
        SimulationResult r = Simulator.shared().simulate(m, m.values(), Stimuli.sampled(iPa, dtMs, "sweep"), n * dtMs,
                dtMs, Simulator.stepFor(dtMs), init, true);
        double[][] iz = new double[latents.size()][];
        for (int j = 0; j < latents.size(); j++) {
            iz[j] = r.currents().get("Iz" + (j + 1));
        }
        return new Simulation(r.v(), iz);
    }

    /** Latent gate trajectories driven by a measured voltage (exact for piecewise-constant V). */
    public double[][] drivenLatents(double[] vMv, double dtMs) {
        double[][] z = new double[latents.size()][vMv.length];
        for (int j = 0; j < latents.size(); j++) {
            Latent l = latents.get(j);
            double s = l.zInfAt(vMv[0]);
            for (int k = 0; k < vMv.length; k++) {
                z[j][k] = s;
                double inf = l.zInfAt(vMv[k]);
                s = inf + (s - inf) * Math.exp(-dtMs / l.tauAt(vMv[k]));
            }
        }
        return z;
    }
}
