package org.patchpinn.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Weighting, error measures and the Levenberg–Marquardt constant fit. */
class ObjectiveTest {

    @Test
    void weightingFollowsTheData() {
        assertEquals(Objective.Weighting.RELATIVE, Objective.automaticWeighting(new double[] {0.01, 0.5, 2}));
        assertEquals(Objective.Weighting.ABSOLUTE, Objective.automaticWeighting(new double[] {-3, 0.5, 2}));
        assertEquals(Objective.Weighting.ABSOLUTE, Objective.automaticWeighting(new double[] {1, 1.5, 2}));
    }

    @Test
    void maxRelativeErrorSkipsUndefinedReferencesButNotUndefinedLaws() {
        assertEquals(0.1, Objective.maxRelativeError(new double[] {1.1, 5, 2}, new double[] {1, Double.NaN, 2}), 1e-12);
        assertEquals(Double.POSITIVE_INFINITY,
                Objective.maxRelativeError(new double[] {Double.NaN, 2}, new double[] {1, 2}));
    }

    @Test
    void levenbergMarquardtFitsABoltzmannFromAPoorStart() {
        int n = 60;
        double[][] x = new double[1][n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[0][i] = -100 + 140.0 * i / (n - 1);
            y[i] = 1 / (1 + Math.exp(-(x[0][i] + 35) / 10));
        }
        Objective o = new Objective(new Dataset(x, y, List.of("V"), "y", "t"), Objective.Weighting.RELATIVE);
        Node start = ExpressionParser.parse("1/(1 + exp(-(0.05*V + 1)))", List.of("V"));
        Node fitted = o.fitConstants(Simplifier.simplify(start), 200);
        assertTrue(o.loss(fitted) < 1e-20, "loss " + o.loss(fitted) + " of " + fitted);
        double[] c = fitted.constants();
        assertTrue(c.length >= 2, fitted.toString());
    }
}
