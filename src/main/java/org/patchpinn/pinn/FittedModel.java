package org.patchpinn.pinn;

import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * A fitted hybrid model in plain Java: base parameters (Cm pF, gNa, gK, gL nS) and latent currents whose
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
            int n = gridSize();
            double[] zi = new double[n];
            double[] tau = new double[n];
            for (int i = 0; i < n; i++) {
                double v = V_MIN + i * V_STEP;
                zi[i] = lc.zInfValue(values, v);
                tau[i] = lc.tauValue(values, v);
            }
            return new Latent(lc.gValue(values), lc.eValue(values), zi, tau);
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
    public record Simulation(double[] v, double[][] gates, double[][] z, double[][] latentCurrentPa) { }

    private final BaseModel base;
    private final double[] params;
    private final List<Latent> latents;

    public FittedModel(BaseModel base, double[] params, List<Latent> latents) {
        this.base = base;
        this.params = params.clone();
        this.latents = List.copyOf(latents);
    }

    public BaseModel base() { return base; }

    /** Cm (pF), gNa, gK, gL (nS). */
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
     * state), exponential Euler with {@code substeps} per sample.
     */
    public Simulation simulate(double[] iPa, double dtMs, double v0, int substeps) {
        int n = iPa.length;
        int nl = latents.size();
        double[] vOut = new double[n];
        double[][] gOut = new double[3][n];
        double[][] zOut = new double[nl][n];
        double[][] izOut = new double[nl][n];
        double[] x = new double[3];
        double[] z = new double[nl];
        double[] ab = new double[2];
        double v = v0;
        for (int g = 0; g < 3; g++) {
            x[g] = base.steadyState(g, v);
        }
        for (int j = 0; j < nl; j++) {
            z[j] = latents.get(j).zInfAt(v);
        }
        double h = dtMs / substeps;
        double cm = params[0];
        double gNa = params[1];
        double gK = params[2];
        double gL = params[3];
        for (int k = 0; k < n; k++) {
            vOut[k] = v;
            for (int g = 0; g < 3; g++) {
                gOut[g][k] = x[g];
            }
            for (int j = 0; j < nl; j++) {
                zOut[j][k] = z[j];
                izOut[j][k] = latents.get(j).gNs() * z[j] * (v - latents.get(j).eMv());
            }
            if (k + 1 == n) {
                break;
            }
            for (int s = 0; s < substeps; s++) {
                for (int g = 0; g < 3; g++) {
                    base.rates(g, v, ab);
                    double sum = ab[0] + ab[1];
                    double inf = ab[0] / sum;
                    x[g] = inf + (x[g] - inf) * Math.exp(-h * sum);
                }
                double gt = gL;
                double num = gL * base.eL() + iPa[k];
                for (int j = 0; j < nl; j++) {
                    Latent l = latents.get(j);
                    double inf = l.zInfAt(v);
                    z[j] = inf + (z[j] - inf) * Math.exp(-h / l.tauAt(v));
                    gt += l.gNs() * z[j];
                    num += l.gNs() * z[j] * l.eMv();
                }
                double gna = gNa * x[0] * x[0] * x[0] * x[1];
                double n4 = x[2] * x[2];
                double gk = gK * n4 * n4;
                gt += gna + gk;
                num += gna * base.eNa() + gk * base.eK();
                double vinf = num / gt;
                v = vinf + (v - vinf) * Math.exp(-h * gt / cm);
            }
        }
        return new Simulation(vOut, gOut, zOut, izOut);
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
