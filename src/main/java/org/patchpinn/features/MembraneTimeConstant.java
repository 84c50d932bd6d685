package org.patchpinn.features;

import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;
import org.patchpinn.numeric.StraightLine;

/**
 * Membrane time constant from the voltage relaxation at the onset of a hyperpolarising step, two ways:
 * eFEL's (for eFEL's time_constant) and a least-squares exponential fit on AllenSDK's interval (the cell's
 * membrane time constant).
 *
 * <p>eFEL's decay interval is (Subthreshold.cpp, time_constant): from 10 samples after the onset, the
 * first point where dV/dt (five-point stencil) stays below -0.005 mV/ms for 5 samples, up to the first
 * "flat" point where dV/dt and its mean over the next 70 ms exceed -0.005 mV/ms, searched in the first half
 * of the step; it then fits log(V - V_end + c) by a line while searching c by golden section. The
 * derivative test makes that interval fragile on noisy traces (it ends at the first noise-flat stretch).
 * {@link #fit} instead fits V(t) = V_inf + A·exp(-t/tau) by Levenberg-Marquardt (Commons Math), started from
 * a log-linear estimate, between 10 % of the deflection and the largest deflection (IPFX's interval).
 */
final class MembraneTimeConstant {
    private static final double MIN_DERIVATIVE = 5e-3; // mV/ms
    private static final int MIN_LENGTH = 10;
    private static final double FLAT_LENGTH_MS = 70;
    private static final double MIN_SNR = 20;

    private MembraneTimeConstant() {
    }

    /** eFEL's time_constant (ms): its decay interval and its fit; NaN when no decay is found. */
    static double efel(double[] v, double h, double stimStartMs, double stimEndMs) {
        int[] interval = decayInterval(v, h, stimStartMs, stimEndMs);
        if (interval == null) {
            return Double.NaN;
        }
        return efelFit(v, h, interval[0], interval[1]);
    }

    /**
     * Membrane time constant (ms) by a least-squares exponential fit on AllenSDK / IPFX's interval (their
     * time_constant): from where V has moved 10 % of the way from baseline to the largest deflection, to the
     * time of that largest deflection in the step. Robust to recording noise, where eFEL's derivative-based
     * interval is not. NaN when the fit fails.
     *
     * @param baselineMv V before the step (voltage_base)
     */
    static double fit(double[] v, double h, double stimStartMs, double stimEndMs, double baselineMv) {
        int n = v.length;
        int start = TraceMath.indexAtOrAfter(stimStartMs, h, n);
        int end = Math.min(n, TraceMath.indexAtOrAfter(stimEndMs, h, n));
        if (end - start < MIN_LENGTH || Double.isNaN(baselineMv)) {
            return Double.NaN;
        }
        int peak = TraceMath.argMin(v, start, end);
        // IPFX's signal-to-noise test: the deflection must be 20 times the baseline's standard deviation.
        int b0 = TraceMath.indexAtOrAfter(0.9 * stimStartMs, h, n);
        if (start - b0 >= 2) {
            double noise = Stats.populationStd(v, b0, start);
            if (baselineMv - v[peak] < MIN_SNR * noise) {
                return Double.NaN;
            }
        }
        double level = baselineMv + 0.1 * (v[peak] - baselineMv);
        int from = start;
        while (from < peak && v[from] > level) {
            from++;
        }
        if (peak + 1 - from < MIN_LENGTH) {
            return Double.NaN;
        }
        double tau = fitExponential(v, h, from, peak + 1);
        // A time constant much longer than the interval it was fitted on is not measured by it.
        return tau <= 2 * (peak + 1 - from) * h ? tau : Double.NaN;
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
        StraightLine line = new StraightLine();
        for (int i = 0; i < t.length; i++) {
            double d = (y[i] - c) / a;
            if (d > 0.1) {
                line.add(t[i], Math.log(d));
            }
        }
        return line.count() < 3 ? Double.NaN : -1 / line.slope();
    }

    /**
     * eFEL's own fit on the decay interval: log(V - V_end + c) against t by least squares, the offset c in
     * (0, 5] mV chosen by golden-section search on the normalised residual; tau = -1/slope of the last line
     * fitted (as eFEL returns it).
     */
    static double efelFit(double[] v, double h, int from, int to) {
        int m = to - from;
        double[] t = new double[m];
        double[] logV = new double[m];
        double vEnd = v[to - 1];
        for (int i = 0; i < m; i++) {
            t[i] = (from + i) * h;
        }
        final double phi = 1.618033988;
        double x0 = 0;
        double x2 = MIN_DERIVATIVE * 1000.;
        double x1 = (x0 * phi + x2) / (1. + phi);
        double[] fit = logLine(v, from, vEnd, x1, t, logV);
        double residuum = fit[1];
        boolean right = true;
        while (x2 - x0 > .01) {
            double newX = right ? (x1 * phi + x2) / (1. + phi) : (x0 + phi * x1) / (1. + phi);
            fit = logLine(v, from, vEnd, newX, t, logV);
            if (fit[1] < residuum) {
                if (right) {
                    x0 = x1;
                } else {
                    x2 = x1;
                }
                x1 = newX;
                residuum = fit[1];
            } else {
                if (right) {
                    x2 = newX;
                } else {
                    x0 = newX;
                }
                right = !right;
            }
        }
        return -1. / fit[0];
    }

    /** {slope, residual sum of squares / range^2} of log(v - vEnd + c) against t (eFEL's straight-line fit). */
    private static double[] logLine(double[] v, int from, double vEnd, double c, double[] t, double[] logV) {
        int m = t.length;
        StraightLine line = new StraightLine();
        for (int i = 0; i < m; i++) {
            logV[i] = Math.log(v[from + i] - vEnd + c);
            line.add(t[i], logV[i]);
        }
        double slope = line.slope();
        double intercept = line.intercept();
        double rss = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < m; i++) {
            double r = logV[i] - intercept - slope * t[i];
            rss += r * r;
            min = Math.min(min, logV[i]);
            max = Math.max(max, logV[i]);
        }
        return new double[] {slope, rss / ((max - min) * (max - min))};
    }
}
