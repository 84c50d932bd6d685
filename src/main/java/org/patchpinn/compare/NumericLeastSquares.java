package org.patchpinn.compare;

import java.util.function.Function;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.util.Pair;

/** Levenberg–Marquardt on a residual function with a forward-difference Jacobian (small problems only). */
final class NumericLeastSquares {
    private NumericLeastSquares() {
    }

    static double[] minimise(Function<double[], double[]> residuals, double[] start, int maxEval) {
        int m = residuals.apply(start).length;
        MultivariateJacobianFunction f = point -> {
            double[] p = point.toArray();
            double[] r0 = residuals.apply(p);
            double[][] jac = new double[r0.length][p.length];
            for (int j = 0; j < p.length; j++) {
                double h = 1e-6 * Math.max(1, Math.abs(p[j]));
                double[] q = p.clone();
                q[j] += h;
                double[] r1 = residuals.apply(q);
                for (int i = 0; i < r0.length; i++) {
                    jac[i][j] = (r1[i] - r0[i]) / h;
                }
            }
            return new Pair<>(new ArrayRealVector(r0, false), new Array2DRowRealMatrix(jac, false));
        };
        return new LevenbergMarquardtOptimizer().optimize(new LeastSquaresBuilder().model(f)
                .target(new double[m]).start(start).maxEvaluations(maxEval).maxIterations(maxEval).build())
                .getPoint().toArray();
    }

    static double sumOfSquares(double[] r) {
        double s = 0;
        for (double x : r) {
            s += x * x;
        }
        return Double.isFinite(s) ? s : Double.POSITIVE_INFINITY;
    }
}
