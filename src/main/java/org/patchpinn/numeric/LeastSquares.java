package org.patchpinn.numeric;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularMatrixException;
import org.patchpinn.task.Progress;

/**
 * The project's Levenberg–Marquardt: minimises the sum of squared residuals over the coordinates a mask leaves
 * free (the profile likelihood re-optimises all parameters but one), optionally clamped to bounds. The
 * Jacobian is analytic when the caller has one, otherwise forward differences (central ones once forward ones
 * stop making progress); on the unit cube, where residuals are simulations, its columns are computed in
 * parallel.
 * Small problems (a few tens of parameters), any number of residuals. Returns JᵀJ at the optimum for
 * confidence intervals.
 */
public final class LeastSquares {
    /** Result: the point, its residuals and sum of squares, and the Gauss–Newton matrix JᵀJ (free coordinates). */
    public record Solution(double[] x, double[] residuals, double rss, double[][] jtj, int iterations) { }

    /** Jacobian columns d r / d x_i for the free coordinates {@code free}, at x with residuals r there. */
    @FunctionalInterface
    public interface Jacobian {
        double[][] columns(double[] x, double[] r, int[] free);
    }

    private final Function<double[], double[]> residuals;
    private final Jacobian analytic;
    /** Coordinates clamped to [0, 1], absolute difference steps; otherwise unbounded, relative steps. */
    private final boolean unitCube;
    private final double fdStep;
    private Progress progress = Progress.NONE;

    private LeastSquares(Function<double[], double[]> residuals, Jacobian analytic, boolean unitCube, double fdStep) {
        this.residuals = residuals;
        this.analytic = analytic;
        this.unitCube = unitCube;
        this.fdStep = fdStep;
    }

    /**
     * Coordinates scaled to the unit cube and clamped there; finite-difference steps of {@code fdStep} (a
     * simulation's parameters mapped to [0, 1]).
     */
    public static LeastSquares onUnitCube(Function<double[], double[]> residuals, double fdStep) {
        return new LeastSquares(residuals, null, true, fdStep);
    }

    /** Unbounded coordinates (cheap algebraic residuals); forward-difference steps of 1e-6 · max(1, |x|). */
    public static LeastSquares unbounded(Function<double[], double[]> residuals) {
        return new LeastSquares(residuals, null, false, 1e-6);
    }

    /** Unbounded coordinates with the caller's analytic Jacobian. */
    public static LeastSquares unbounded(Function<double[], double[]> residuals, Jacobian jacobian) {
        return new LeastSquares(residuals, jacobian, false, 0);
    }

    /** Reports each iteration to {@code p} and stops when it is cancelled. */
    public LeastSquares withProgress(Progress p) {
        this.progress = p;
        return this;
    }

    /** As {@link #minimise(double[], boolean[], int, double)} with every coordinate free. */
    public Solution minimise(double[] x0, int maxIterations, double relTolerance) {
        boolean[] all = new boolean[x0.length];
        Arrays.fill(all, true);
        return minimise(x0, all, maxIterations, relTolerance);
    }

    /**
     * Minimises the sum of squared residuals from x0 over the coordinates where free is true.
     *
     * @param maxIterations accepted-or-rejected steps at most
     * @param relTolerance  stop once an accepted step lowers the sum of squares by less than this fraction
     */
    public Solution minimise(double[] x0, boolean[] free, int maxIterations, double relTolerance) {
        double[] u = x0.clone();
        double[] r = residuals.apply(u);
        double rss = sumOfSquares(r);
        double lower = unitCube ? 0 : Double.NEGATIVE_INFINITY;
        double upper = unitCube ? 1 : Double.POSITIVE_INFINITY;
        double lambda = 1e-3;
        int[] act = IntStream.range(0, u.length).filter(i -> free[i]).toArray();
        double[][] jac = jacobian(u, r, act, false);
        boolean central = false;
        int it = 0;
        for (; it < maxIterations; it++) {
            progress.checkCancelled();
            int p = act.length;
            double[][] a = new double[p][p];
            double[] g = new double[p];
            normalEquations(jac, r, a, g);
            double[] step = null;
            double newRss = Double.POSITIVE_INFINITY;
            double[] uNew = null;
            double[] rNew = null;
            for (int attempt = 0; attempt < 8; attempt++) {
                double[][] damped = new double[p][p];
                for (int i = 0; i < p; i++) {
                    damped[i] = a[i].clone();
                    damped[i][i] += lambda * Math.max(a[i][i], 1e-12);
                }
                step = solve(damped, g);
                uNew = u.clone();
                for (int i = 0; i < p; i++) {
                    uNew[act[i]] = Math.max(lower, Math.min(upper, u[act[i]] - step[i]));
                }
                rNew = residuals.apply(uNew);
                newRss = sumOfSquares(rNew);
                if (newRss < rss) {
                    break;
                }
                lambda *= 10;
            }
            if (!(newRss < rss)) {
                if (central || analytic != null) {
                    break;
                }
                // Forward differences can be too coarse in a narrow curved valley: retry with central ones.
                central = true;
                jac = jacobian(u, r, act, true);
                lambda = 1e-3;
                continue;
            }
            double gain = (rss - newRss) / rss;
            progress.status(String.format(Locale.ROOT, "least squares: iteration %d, RSS %.6g, lambda %.2g",
                    it + 1, newRss, lambda));
            u = uNew;
            r = rNew;
            rss = newRss;
            lambda = Math.max(1e-7, lambda / 5);
            jac = jacobian(u, r, act, central);
            if (gain < relTolerance) {
                it++;
                break;
            }
        }
        double[][] a = new double[act.length][act.length];
        normalEquations(jac, r, a, new double[act.length]);
        return new Solution(u, r, rss, a, it);
    }

    /** Sum of squares (NaN when a residual is NaN: such a point never counts as an improvement). */
    public static double sumOfSquares(double[] r) {
        double s = 0;
        for (double x : r) {
            s += x * x;
        }
        return s;
    }

    /** Jacobian columns for the free coordinates; differences step inwards at a bound. */
    private double[][] jacobian(double[] u, double[] r, int[] act, boolean central) {
        if (analytic != null) {
            return analytic.columns(u, r, act);
        }
        double[][] cols = new double[act.length][];
        IntStream columns = IntStream.range(0, act.length);
        double upper = unitCube ? 1 : Double.POSITIVE_INFINITY;
        (unitCube ? columns.parallel() : columns).forEach(c -> {
            int i = act[c];
            double step = unitCube ? fdStep : fdStep * Math.max(1, Math.abs(u[i]));
            double[] col = new double[r.length];
            if (central && (!unitCube || u[i] - step >= 0 && u[i] + step <= 1)) {
                double[] up = u.clone();
                double[] um = u.clone();
                up[i] += step;
                um[i] -= step;
                double[] rp = residuals.apply(up);
                double[] rm = residuals.apply(um);
                for (int k = 0; k < r.length; k++) {
                    col[k] = (rp[k] - rm[k]) / (2 * step);
                }
            } else {
                double h = u[i] + step <= upper ? step : -step;
                double[] up = u.clone();
                up[i] += h;
                double[] rp = residuals.apply(up);
                for (int k = 0; k < r.length; k++) {
                    col[k] = (rp[k] - r[k]) / h;
                }
            }
            cols[c] = col;
        });
        return cols;
    }

    /** a = JᵀJ, g = Jᵀr with J given column by column. */
    private static void normalEquations(double[][] cols, double[] r, double[][] a, double[] g) {
        int p = cols.length;
        for (int i = 0; i < p; i++) {
            double[] ci = cols[i];
            double s = 0;
            for (int k = 0; k < r.length; k++) {
                s += ci[k] * r[k];
            }
            g[i] = s;
            for (int j = 0; j <= i; j++) {
                double[] cj = cols[j];
                double t = 0;
                for (int k = 0; k < r.length; k++) {
                    t += ci[k] * cj[k];
                }
                a[i][j] = t;
                a[j][i] = t;
            }
        }
    }

    /** Solves a x = b (Cholesky, LU when a is not positive definite, 0 when singular). */
    public static double[] solve(double[][] a, double[] b) {
        RealMatrix m = new Array2DRowRealMatrix(a, false);
        try {
            return new CholeskyDecomposition(m, 1e-14, 1e-14).getSolver().solve(new ArrayRealVector(b)).toArray();
        } catch (RuntimeException e) {
            try {
                return new LUDecomposition(m).getSolver().solve(new ArrayRealVector(b)).toArray();
            } catch (SingularMatrixException s) {
                double[] x = new double[b.length];
                Arrays.fill(x, 0);
                return x;
            }
        }
    }
}
