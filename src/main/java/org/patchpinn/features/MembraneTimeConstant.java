package org.patchpinn.features;

import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;

/**
 * Membrane time constant from the voltage relaxation at the onset of a hyperpolarising step.
 *
 * <p>The decay interval is eFEL's (Subthreshold.cpp, time_constant): from 10 samples after the onset, the
 * first point where dV/dt (five-point stencil) stays below -0.005 mV/ms for 5 samples, up to the first
 * "flat" point where dV/dt and its mean over the next 70 ms exceed -0.005 mV/ms, searched in the first half
 * of the step. eFEL then fits log(V - V_end + c) by a line while searching c by golden section; we fit
 * V(t) = V_inf + A·exp(-t/tau) directly by Levenberg-Marquardt (Commons Math), started from a log-linear
 * estimate, which weights every sample equally rather than the small tail of the decay.
 */
final class MembraneTimeConstant {
    private static final double MIN_DERIVATIVE = 5e-3; // mV/ms
    private static final int MIN_LENGTH = 10;
    private static final double FLAT_LENGTH_MS = 70;

    private MembraneTimeConstant() {
    }

    /** tau (ms), or NaN when no decay can be found or the fit fails. */
    static double fit(double[] v, double h, double stimStartMs, double stimEndMs) {
        int[] interval = decayInterval(v, h, stimStartMs, stimEndMs);
        if (interval == null) {
            return Double.NaN;
        }
        return fitExponential(v, h, interval[0], interval[1]);
    }

    /** [from, to) of the decay on the sample grid, or null. */
    static int[] decayInterval(double[] v, double h, double stimStartMs, double stimEndMs) {
        int n = v.length;
        int start = TraceMath.indexAtOrAfter(stimStartMs, h, n) + 10;
        double mid = (stimStartMs + stimEndMs) / 2;
        int middle = Math.max(start, TraceMath.indexAtOrAfter(mid, h, n));
        if (start >= n || middle >= n || middle - start < MIN_LENGTH + 5) {
            return null;
        }
        double[] dvdt = fivePoint(v, start, middle, h);
        int m = dvdt.length;
        int iStart = 0;
        while (true) {
            if (iStart + 5 > m) {
                return null;
            }
            boolean decaying = true;
            for (int i = iStart; i < iStart + 5; i++) {
                if (dvdt[i] > -MIN_DERIVATIVE) {
                    decaying = false;
                    break;
                }
            }
            if (decaying) {
                break;
            }
            iStart++;
        }
        int flatLength = (int) Math.ceil(FLAT_LENGTH_MS / h - 1e-9);
        int iFlat = iStart;
        int flatLimit = (int) Math.ceil(((middle - start) * h - FLAT_LENGTH_MS) / h - 1e-9);
        for (; iFlat < flatLimit; iFlat++) {
            if (dvdt[iFlat] + MIN_DERIVATIVE > 0) {
                double sum = 0;
                int count = 0;
                for (int i = iFlat; i < Math.min(m, iFlat + flatLength); i++) {
                    sum += dvdt[i];
                    count++;
                }
                if (sum / count + MIN_DERIVATIVE > 0) {
                    break;
                }
            }
        }
        if (iFlat - iStart < MIN_LENGTH) {
            return null;
        }
        return new int[] {start + iStart, start + iFlat};
    }

    /** Five-point-stencil dV/dt of v[from, to), with eFEL's end rules. */
    private static double[] fivePoint(double[] v, int from, int to, double h) {
        int m = to - from;
        double[] d = new double[m];
        d[0] = (v[from + 1] - v[from]) / h;
        d[1] = (v[from + 2] - v[from]) / (2 * h);
        for (int i = 2; i < m - 2; i++) {
            int j = from + i;
            d[i] = (-v[j + 2] + 8 * v[j + 1] - 8 * v[j - 1] + v[j - 2]) / (12 * h);
        }
        d[m - 2] = (v[to - 1] - v[to - 3]) / (2 * h);
        d[m - 1] = (v[to - 1] - v[to - 2]) / h;
        return d;
    }

    /** tau of V = c + a·exp(-(t - t0)/tau) on v[from, to). */
    static double fitExponential(double[] v, double h, int from, int to) {
        int m = to - from;
        double[] t = new double[m];
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            t[i] = i * h;
            y[i] = v[from + i];
        }
        double c0 = y[m - 1];
        double a0 = y[0] - c0;
        double tau0 = initialTau(t, y, c0, a0);
        if (!(tau0 > 0) || Double.isInfinite(tau0)) {
            tau0 = (t[m - 1] - t[0]) / 3;
        }
        MultivariateJacobianFunction model = p -> {
            double c = p.getEntry(0);
            double a = p.getEntry(1);
            double k = p.getEntry(2); // 1/tau, keeps the Jacobian well scaled
            RealVector value = new ArrayRealVector(m);
            Array2DRowRealMatrix jac = new Array2DRowRealMatrix(m, 3);
            for (int i = 0; i < m; i++) {
                double e = Math.exp(-k * t[i]);
                value.setEntry(i, c + a * e);
                jac.setEntry(i, 0, 1);
                jac.setEntry(i, 1, e);
                jac.setEntry(i, 2, -a * t[i] * e);
            }
            return new Pair<>(value, jac);
        };
        try {
            LeastSquaresOptimizer.Optimum opt = new LevenbergMarquardtOptimizer().optimize(new LeastSquaresBuilder()
                    .start(new double[] {c0, a0, 1 / tau0})
                    .model(model)
                    .target(y)
                    .maxEvaluations(2000)
                    .maxIterations(2000)
                    .build());
            double k = opt.getPoint().getEntry(2);
            return k > 0 ? 1 / k : Double.NaN;
        } catch (RuntimeException e) {
            // Commons Math reports non-convergence with unchecked exceptions: no time constant for this sweep.
            return Double.NaN;
        }
    }

    /** Slope of log|y - c| against t over the part of the decay well above the end value. */
    private static double initialTau(double[] t, double[] y, double c, double a) {
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        int count = 0;
        for (int i = 0; i < t.length; i++) {
            double d = (y[i] - c) / a;
            if (d > 0.1) {
                double l = Math.log(d);
                sx += t[i];
                sy += l;
                sxx += t[i] * t[i];
                sxy += t[i] * l;
                count++;
            }
        }
        if (count < 3) {
            return Double.NaN;
        }
        double slope = (count * sxy - sx * sy) / (count * sxx - sx * sx);
        return -1 / slope;
    }
}
