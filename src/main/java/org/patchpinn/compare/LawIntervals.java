package org.patchpinn.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.exception.MathIllegalArgumentException;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.apache.commons.math3.util.Pair;
import org.patchpinn.symbolic.CompiledExpression;
import org.patchpinn.symbolic.ExpressionParser;
import org.patchpinn.symbolic.Node;

/**
 * 95 % intervals of a law's constants on the observations it was found from (one per recording): the constants
 * are refitted by Levenberg–Marquardt from the law's printed values, then the linearised (Wald) interval
 * estimate ± t(n−k)·se with the covariance s²(JᵀJ)⁻¹, s² = RSS/(n−k). Constants ±1 are structure (as in
 * 1/(1+…)) and stay fixed, as {@link Law#parameterCount()} counts them. The recordings of one cell are treated
 * as independent, so with large between-cell differences the intervals are too narrow; with no residual
 * degrees of freedom (k ≥ n) or a singular JᵀJ (constants not identified) the interval is NaN.
 */
public final class LawIntervals {
    private LawIntervals() {
    }

    /**
     * The law's constants (refitted) with their intervals, in the order they appear in the law's SymPy text;
     * empty when the text cannot be parsed or has no free constant.
     *
     * @param x one row per observation, one column per law variable
     */
    public static List<Law.Constant> of(Law law, double[][] x, double[] y) {
        Node root;
        try {
            root = ExpressionParser.parse(law.sympy(), law.variables());
        } catch (RuntimeException e) {
            return List.of();
        }
        CompiledExpression f = new CompiledExpression(root);
        double[] all = f.constants();
        List<Integer> free = new ArrayList<>();
        for (int j = 0; j < all.length; j++) {
            if (Math.abs(all[j]) != 1.0) {
                free.add(j);
            }
        }
        int n = y.length;
        int k = free.size();
        if (k == 0 || n == 0) {
            return List.of();
        }
        double[][] columns = new double[law.variables().size()][n];
        for (int i = 0; i < n; i++) {
            for (int v = 0; v < columns.length; v++) {
                columns[v][i] = x[i][v];
            }
        }
        double[] start = new double[k];
        for (int j = 0; j < k; j++) {
            start[j] = all[free.get(j)];
        }
        double[] c = refit(f, all, free, columns, y, start);
        double[][] jac = new double[n][all.length];
        double[] fitted = f.evaluateWithJacobian(columns, full(all, free, c), jac);
        double rss = 0;
        for (int i = 0; i < n; i++) {
            rss += (fitted[i] - y[i]) * (fitted[i] - y[i]);
        }
        double[] se = standardErrors(jac, free, rss, n);
        double t = n - k >= 1 ? new TDistribution(n - k).inverseCumulativeProbability(0.975) : Double.NaN;
        List<Law.Constant> out = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            double half = t * se[j];
            out.add(new Law.Constant(c[j], c[j] - half, c[j] + half));
        }
        return out;
    }

    /** Least squares over the free constants from their printed values; the start when the fit fails. */
    private static double[] refit(CompiledExpression f, double[] all, List<Integer> free, double[][] columns,
                                  double[] y, double[] start) {
        int n = y.length;
        int k = start.length;
        LeastSquaresBuilder b = new LeastSquaresBuilder().start(start).target(y).maxEvaluations(2000)
                .maxIterations(500).model(point -> {
                    double[][] jac = new double[n][all.length];
                    double[] v = f.evaluateWithJacobian(columns, full(all, free, point.toArray()), jac);
                    double[][] jf = new double[n][k];
                    for (int i = 0; i < n; i++) {
                        if (!Double.isFinite(v[i])) {
                            throw new MathIllegalStateException();
                        }
                        for (int j = 0; j < k; j++) {
                            jf[i][j] = jac[i][free.get(j)];
                        }
                    }
                    return new Pair<RealVector, RealMatrix>(new ArrayRealVector(v, false),
                            new Array2DRowRealMatrix(jf, false));
                });
        try {
            LeastSquaresOptimizer.Optimum o = new LevenbergMarquardtOptimizer().optimize(b.build());
            double[] p = o.getPoint().toArray();
            for (double v : p) {
                if (!Double.isFinite(v)) {
                    return start;
                }
            }
            return p;
        } catch (MathIllegalStateException | MathIllegalArgumentException e) {
            return start;
        }
    }

    private static double[] full(double[] all, List<Integer> free, double[] c) {
        double[] out = all.clone();
        for (int j = 0; j < c.length; j++) {
            out[free.get(j)] = c[j];
        }
        return out;
    }

    /** √diag(s²(JᵀJ)⁻¹) over the free constants; NaN where JᵀJ is singular or no degree of freedom is left. */
    private static double[] standardErrors(double[][] jac, List<Integer> free, double rss, int n) {
        int k = free.size();
        double[] se = new double[k];
        Arrays.fill(se, Double.NaN);
        if (n - k < 1) {
            return se;
        }
        double[][] jf = new double[n][k];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                jf[i][j] = jac[i][free.get(j)];
                if (!Double.isFinite(jf[i][j])) {
                    return se;
                }
            }
        }
        RealMatrix jm = new Array2DRowRealMatrix(jf, false);
        SingularValueDecomposition svd = new SingularValueDecomposition(jm.transpose().multiply(jm));
        double[] s = svd.getSingularValues();
        if (s[s.length - 1] <= s[0] * 1e-12) {
            return se;
        }
        RealMatrix cov = svd.getSolver().getInverse().scalarMultiply(rss / (n - k));
        for (int j = 0; j < k; j++) {
            se[j] = Math.sqrt(Math.max(0, cov.getEntry(j, j)));
        }
        return se;
    }
}
