package org.patchpinn.symbolic;

import org.apache.commons.math3.exception.MathIllegalArgumentException;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresProblem;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;

/**
 * What a candidate law is judged by, and how its constants are fitted: weighted least squares, with
 * weights 1/|y| (relative error, right for the multiplicative noise of rate laws spanning decades) or
 * 1/sd(y) (normalised absolute error, for data crossing zero such as currents). Constants are fitted by
 * Commons Math's Levenberg–Marquardt with the exact Jacobian of {@link CompiledExpression}.
 */
public final class Objective {
    /** How residuals are weighted. */
    public enum Weighting { RELATIVE, ABSOLUTE }

    private final Dataset data;
    private final Weighting weighting;
    private final double[] weights;
    private final double[] weightedTarget;

    public Objective(Dataset data, Weighting weighting) {
        this.data = data;
        this.weighting = weighting;
        int n = data.size();
        weights = new double[n];
        weightedTarget = new double[n];
        double sd = standardDeviation(data.y());
        for (int i = 0; i < n; i++) {
            weights[i] = weighting == Weighting.RELATIVE ? 1 / Math.abs(data.y()[i]) : 1 / sd;
            weightedTarget[i] = data.y()[i] * weights[i];
        }
    }

    /**
     * Relative weighting when y keeps one sign, never touches zero and spans more than a factor 3;
     * otherwise absolute.
     */
    public static Weighting automaticWeighting(double[] y) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        boolean positive = y[0] > 0;
        for (double v : y) {
            if (v == 0 || (v > 0) != positive) {
                return Weighting.ABSOLUTE;
            }
            min = Math.min(min, Math.abs(v));
            max = Math.max(max, Math.abs(v));
        }
        return max / min > 3 ? Weighting.RELATIVE : Weighting.ABSOLUTE;
    }

    /** The weight of a sample's residual. */
    public double weight(int sample) {
        return weights[sample];
    }

    public Dataset data() {
        return data;
    }

    public Weighting weighting() {
        return weighting;
    }

    /** Mean squared weighted residual; +∞ when the law is undefined at any sample. */
    public double loss(double[] prediction) {
        double sum = 0;
        for (int i = 0; i < prediction.length; i++) {
            double r = prediction[i] * weights[i] - weightedTarget[i];
            sum += r * r;
        }
        double loss = sum / prediction.length;
        return Double.isFinite(loss) ? loss : Double.POSITIVE_INFINITY;
    }

    public double loss(Node law) {
        return loss(new CompiledExpression(law).evaluate(data.x()));
    }

    /**
     * The law with its constants fitted, starting from its current constants. Returns the input when it
     * has no constants or the fit fails to improve it.
     */
    public Node fitConstants(Node law, int maxIterations) {
        CompiledExpression compiled = new CompiledExpression(law);
        int p = compiled.constantCount();
        if (p == 0) {
            return law;
        }
        int n = data.size();
        double[][] x = data.x();
        // The best point seen: kept so that a fit stopped by its iteration limit or by leaving the law's
        // domain still returns its progress.
        double[] best = compiled.constants();
        double[] bestCost = {Double.POSITIVE_INFINITY};
        LeastSquaresProblem problem = new LeastSquaresBuilder()
                .start(compiled.constants())
                .target(weightedTarget)
                .model(point -> {
                    double[] c = point.toArray();
                    double[][] jacobian = new double[n][p];
                    double[] f = compiled.evaluateWithJacobian(x, c, jacobian);
                    double cost = 0;
                    for (int i = 0; i < n; i++) {
                        f[i] *= weights[i];
                        cost += (f[i] - weightedTarget[i]) * (f[i] - weightedTarget[i]);
                        for (int j = 0; j < p; j++) {
                            jacobian[i][j] *= weights[i];
                        }
                        if (!Double.isFinite(f[i])) {
                            throw new NonFiniteException();
                        }
                    }
                    if (cost < bestCost[0]) {
                        bestCost[0] = cost;
                        System.arraycopy(c, 0, best, 0, p);
                    }
                    return new Pair<RealVector, RealMatrix>(
                            new ArrayRealVector(f, false), new Array2DRowRealMatrix(jacobian, false));
                })
                .maxEvaluations(maxIterations * 4)
                .maxIterations(maxIterations)
                .lazyEvaluation(false)
                .build();
        try {
            new LevenbergMarquardtOptimizer()
                    .withCostRelativeTolerance(1e-12).withParameterRelativeTolerance(1e-12)
                    .optimize(problem);
        } catch (NonFiniteException | MathIllegalStateException
                 | MathIllegalArgumentException e) {
            // keep the best point seen
        }
        return Double.isFinite(bestCost[0]) ? law.withConstants(best) : law;
    }

    /** R² of the unweighted prediction. */
    public double r2(double[] prediction) {
        double mean = 0;
        for (double v : data.y()) {
            mean += v;
        }
        mean /= data.size();
        double ssRes = 0;
        double ssTot = 0;
        for (int i = 0; i < prediction.length; i++) {
            ssRes += sq(prediction[i] - data.y()[i]);
            ssTot += sq(data.y()[i] - mean);
        }
        return 1 - ssRes / ssTot;
    }

    /**
     * Largest |f − y| / |y| over the samples, ignoring samples where |y| is below 0.1 % of max |y| (a law
     * crossing zero has no meaningful relative error there) and samples where y is not finite (a reference
     * law evaluated at its removable singularity); a non-finite f counts as an infinite error.
     */
    public double maxRelativeError(double[] prediction) {
        return maxRelativeError(prediction, data.y());
    }

    public static double maxRelativeError(double[] prediction, double[] y) {
        double scale = 0;
        for (double v : y) {
            if (Double.isFinite(v)) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        double worst = 0;
        for (int i = 0; i < y.length; i++) {
            if (Double.isFinite(y[i]) && Math.abs(y[i]) >= 1e-3 * scale) {
                double e = Math.abs(prediction[i] - y[i]) / Math.abs(y[i]);
                worst = Double.isNaN(e) ? Double.POSITIVE_INFINITY : Math.max(worst, e);
            }
        }
        return worst;
    }

    static double standardDeviation(double[] y) {
        double mean = 0;
        for (double v : y) {
            mean += v;
        }
        mean /= y.length;
        double s = 0;
        for (double v : y) {
            s += sq(v - mean);
        }
        return Math.sqrt(s / y.length);
    }

    private static double sq(double v) {
        return v * v;
    }

    /** Thrown inside the model function to abandon a fit that left the law's domain. */
    private static final class NonFiniteException extends RuntimeException {
        NonFiniteException() {
            super(null, null, false, false);
        }
    }
}
