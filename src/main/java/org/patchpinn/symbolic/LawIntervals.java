package org.patchpinn.symbolic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

/**
 * 95 % intervals of a law's constants on the observations it was found from (one per recording): the constants
 * are refitted by Levenberg–Marquardt from the law's printed values, then the linearised (Wald) interval
 * estimate ± t(n−k)·se with the covariance s²(JᵀJ)⁻¹, s² = RSS/(n−k). Constants ±1 are structure (as in
 * 1/(1+…)) and stay fixed, as {@link Law#parameterCount()} counts them. With no residual degrees of freedom
 * (k ≥ n) or a singular JᵀJ (constants not identified) the interval is NaN.
 * <p>
 * Given each observation's cell ({@link #of(Law, double[][], double[], List)}), a cell's recordings are not taken
 * as independent: the cluster-robust (sandwich, CR1) covariance (JᵀJ)⁻¹ (Σ_cells J_cᵀ r_c r_cᵀ J_c) (JᵀJ)⁻¹ ·
 * G/(G−1) with t(G−1) for G cells — a cell whose recordings all sit above the law widens the interval as one
 * independent unit would, not as five — and the interval reported is the wider of the two, so grouping never
 * narrows it.
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
        return of(law, x, y, null);
    }

    /**
     * As {@link #of(Law, double[][], double[])}, the intervals also by cell ({@code cells}: one label per
     * observation; null or fewer than two cells: recordings independent).
     */
    public static List<Law.Constant> of(Law law, double[][] x, double[] y, List<String> cells) {
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
        // (JᵀJ)⁻¹ over the free constants, shared by both intervals; null where not identified
        double[][] jf = freeColumns(jac, free);
        RealMatrix bread = jf == null || n - k < 1 ? null : inverseNormal(jf);
        double t = n - k >= 1 ? new TDistribution(n - k).inverseCumulativeProbability(0.975) : Double.NaN;
        double[] half = new double[k];
        Arrays.fill(half, Double.NaN);
        int groups = cells == null ? 0 : (int) cells.stream().distinct().count();
        if (bread != null) {
            double[] r = new double[n];
            for (int i = 0; i < n; i++) {
                r[i] = fitted[i] - y[i];
            }
            RealMatrix wald = bread.scalarMultiply(rss / (n - k));
            RealMatrix byCell = groups >= 2 ? clusterCovariance(bread, jf, r, cells) : null;
            double tCells = groups >= 2 ? new TDistribution(groups - 1).inverseCumulativeProbability(0.975) : 0;
            for (int j = 0; j < k; j++) {
                half[j] = t * Math.sqrt(Math.max(0, wald.getEntry(j, j)));
                if (byCell != null) {
                    half[j] = Math.max(half[j], tCells * Math.sqrt(Math.max(0, byCell.getEntry(j, j))));
                }
            }
        }
        List<Law.Constant> out = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            out.add(new Law.Constant(c[j], c[j] - half[j], c[j] + half[j]));
        }
        return out;
    }

    /** Cluster-robust (CR1) covariance (JᵀJ)⁻¹ (Σ_cells J_cᵀ r_c r_cᵀ J_c) (JᵀJ)⁻¹ · G/(G−1), the cells as clusters. */
    private static RealMatrix clusterCovariance(RealMatrix bread, double[][] jf, double[] r, List<String> cells) {
        int k = bread.getRowDimension();
        Map<String, double[]> scores = new LinkedHashMap<>();
        for (int i = 0; i < r.length; i++) {
            double[] u = scores.computeIfAbsent(cells.get(i), c -> new double[k]);
            for (int j = 0; j < k; j++) {
                u[j] += jf[i][j] * r[i];
            }
        }
        RealMatrix meat = new Array2DRowRealMatrix(k, k);
        for (double[] u : scores.values()) {
            RealVector v = new ArrayRealVector(u, false);
            meat = meat.add(v.outerProduct(v));
        }
        int g = scores.size();
        return bread.multiply(meat).multiply(bread).scalarMultiply(g / (g - 1.0));
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

    /** The Jacobian's columns of the free constants; null when any entry is not finite. */
    private static double[][] freeColumns(double[][] jac, List<Integer> free) {
        double[][] jf = new double[jac.length][free.size()];
        for (int i = 0; i < jac.length; i++) {
            for (int j = 0; j < free.size(); j++) {
                jf[i][j] = jac[i][free.get(j)];
                if (!Double.isFinite(jf[i][j])) {
                    return null;
                }
            }
        }
        return jf;
    }

    /** (JᵀJ)⁻¹; null where JᵀJ is singular (the constants trade off). */
    private static RealMatrix inverseNormal(double[][] jf) {
        RealMatrix jm = new Array2DRowRealMatrix(jf, false);
        SingularValueDecomposition svd = new SingularValueDecomposition(jm.transpose().multiply(jm));
        double[] s = svd.getSingularValues();
        return s[s.length - 1] > s[0] * 1e-12 ? svd.getSolver().getInverse() : null;
    }
}
