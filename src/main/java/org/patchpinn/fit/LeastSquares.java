package org.patchpinn.fit;

import java.util.Arrays;
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
 * Levenberg–Marquardt on the unit cube (coordinates clamped to [0, 1]) for residual functions that are
 * simulations: the Jacobian is taken by forward differences (central ones once forward ones stop making
 * progress) with its columns computed in parallel, and a mask lets the profile likelihood re-optimise all
 * parameters but one. Small problems only (a few tens of
 * parameters), many residuals.
 */
final class LeastSquares {
    /** Result: the point, its residuals and sum of squares, and the Gauss–Newton matrix JᵀJ there. */
    record Solution(double[] u, double[] residuals, double rss, double[][] jtj, int iterations) { }

    static double fdStep = 2e-5;

    private final Function<double[], double[]> residuals;
    private final Progress progress;

    LeastSquares(Function<double[], double[]> residuals, Progress progress) {
        this.residuals = residuals;
        this.progress = progress;
    }

    /**
     * Minimises the sum of squared residuals from u0 over the coordinates where active is true.
     *
     * @param maxIterations accepted-or-rejected steps at most
     */
    Solution minimise(double[] u0, boolean[] active, int maxIterations, double relTolerance) {
        double[] u = u0.clone();
        double[] r = residuals.apply(u);
        double rss = FitObjective.sumOfSquares(r);
        double lambda = 1e-3;
        int[] act = IntStream.range(0, u.length).filter(i -> active[i]).toArray();
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
                    uNew[act[i]] = Math.max(0, Math.min(1, u[act[i]] - step[i]));
                }
                rNew = residuals.apply(uNew);
                newRss = FitObjective.sumOfSquares(rNew);
                if (newRss < rss) {
                    break;
                }
                lambda *= 10;
            }
            if (!(newRss < rss)) {
                if (central) {
                    break;
                }
                // Forward differences can be too coarse in a narrow curved valley: retry with central ones.
                central = true;
                jac = jacobian(u, r, act, true);
                lambda = 1e-3;
                continue;
            }
            double gain = (rss - newRss) / rss;
            progress.status(String.format(java.util.Locale.ROOT, "least squares: iteration %d, RSS %.6g, lambda %.2g",
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

    /** Forward-difference Jacobian columns for the active coordinates (stepping inwards at a bound). */
    private double[][] jacobian(double[] u, double[] r, int[] act, boolean central) {
        double[][] cols = new double[act.length][];
        IntStream.range(0, act.length).parallel().forEach(c -> {
            int i = act[c];
            double[] col = new double[r.length];
            if (central && u[i] - fdStep >= 0 && u[i] + fdStep <= 1) {
                double[] up = u.clone();
                double[] um = u.clone();
                up[i] += fdStep;
                um[i] -= fdStep;
                double[] rp = residuals.apply(up);
                double[] rm = residuals.apply(um);
                for (int k = 0; k < r.length; k++) {
                    col[k] = (rp[k] - rm[k]) / (2 * fdStep);
                }
            } else {
                double h = u[i] + fdStep <= 1 ? fdStep : -fdStep;
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

    static double[] solve(double[][] a, double[] b) {
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
