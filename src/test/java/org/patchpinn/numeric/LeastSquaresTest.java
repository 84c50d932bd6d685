package org.patchpinn.numeric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Levenberg–Marquardt on an exponential decay whose parameters are known. */
class LeastSquaresTest {
    private static final double[] T = new double[40];
    private static final double[] Y = new double[T.length];

    static {
        for (int i = 0; i < T.length; i++) {
            T[i] = i * 0.5;
            Y[i] = -70 + 12 * Math.exp(-T[i] / 4.0); // c = -70 mV, a = 12 mV, tau = 4 ms
        }
    }

    private static final Function<double[], double[]> RESIDUALS = p -> {
        double[] r = new double[T.length];
        for (int i = 0; i < T.length; i++) {
            r[i] = p[0] + p[1] * Math.exp(-T[i] / p[2]) - Y[i];
        }
        return r;
    };

    @Test
    void finiteDifferencesAndTheAnalyticJacobianFindTheTruth() {
        double[] start = {-60, 5, 2};
        double[] fd = LeastSquares.unbounded(RESIDUALS).minimise(start, 200, 1e-14).x();
        double[] analytic = LeastSquares.unbounded(RESIDUALS, (p, r, free) -> {
            double[][] cols = new double[free.length][T.length];
            for (int c = 0; c < free.length; c++) {
                for (int i = 0; i < T.length; i++) {
                    double e = Math.exp(-T[i] / p[2]);
                    cols[c][i] = switch (free[c]) {
                        case 0 -> 1;
                        case 1 -> e;
                        default -> p[1] * e * T[i] / (p[2] * p[2]);
                    };
                }
            }
            return cols;
        }).minimise(start, 200, 1e-14).x();
        assertArrayEquals(new double[] {-70, 12, 4}, fd, 1e-5);
        assertArrayEquals(new double[] {-70, 12, 4}, analytic, 1e-5);
    }

    @Test
    void aMaskedCoordinateStaysWhereItStarted() {
        LeastSquares.Solution s = LeastSquares.unbounded(RESIDUALS)
                .minimise(new double[] {-60, 5, 4}, new boolean[] {true, true, false}, 200, 1e-14);
        assertEquals(4, s.x()[2], 0);
        assertArrayEquals(new double[] {-70, 12}, new double[] {s.x()[0], s.x()[1]}, 1e-6);
        assertEquals(2, s.jtj().length, "JtJ covers the free coordinates only");
    }

    @Test
    void theUnitCubeClampsEveryStep() {
        // the optimum of (u - 2)^2 lies outside the cube: the answer is its edge
        LeastSquares.Solution s = LeastSquares.onUnitCube(u -> new double[] {u[0] - 2}, 2e-5)
                .minimise(new double[] {0.5}, 50, 1e-12);
        assertEquals(1, s.x()[0], 0);
    }
}
