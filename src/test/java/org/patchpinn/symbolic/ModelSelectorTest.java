package org.patchpinn.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The choice on the Pareto front: simplest within noise, else the knee; and the noise estimate itself. */
class ModelSelectorTest {
    private static Candidate law(int complexity, double loss) {
        Node n = Node.variable(0);
        while (n.size() < complexity) {
            n = Node.unary(Op.EXP, n);
        }
        return Candidate.of(n, loss);
    }

    @Test
    void noiseEstimateOfFourthDifferencesMatchesTheNoise() {
        SyntheticNoise s = new SyntheticNoise(0.002);
        double noise = ModelSelector.noiseLoss(new Objective(s.data, Objective.Weighting.RELATIVE));
        assertEquals(0.002 * 0.002, noise, 0.15 * 0.002 * 0.002);
    }

    @Test
    void simplestWithinTheNoiseLevelNotTheLowestLoss() {
        SyntheticNoise s = new SyntheticNoise(0.002);
        Objective o = new Objective(s.data, Objective.Weighting.RELATIVE);
        double noise = ModelSelector.noiseLoss(o);
        List<Candidate> front = List.of(law(1, 0.5), law(4, 1e-3), law(6, noise * 0.99), law(9, noise * 0.95),
                law(15, noise * 0.9));
        ModelSelector.Choice c = ModelSelector.choose(front, o, noise);
        assertEquals(6, c.law().complexity());
        assertTrue(c.rule().contains("noise"));
    }

    @Test
    void kneeWhenResidualsAreSystematic() {
        SyntheticNoise s = new SyntheticNoise(0);
        Objective o = new Objective(s.data, Objective.Weighting.RELATIVE);
        List<Candidate> front = List.of(law(1, 0.5), law(4, 1e-2), law(7, 1e-6), law(9, 7e-7), law(14, 4e-7));
        ModelSelector.Choice c = ModelSelector.choose(front, o, 1e-12);
        assertEquals(7, c.law().complexity());
        assertTrue(c.rule().contains("knee"));
        // a network's 1 % systematic error: larger laws keep fitting it, the right law is 45x above the lowest
        // loss; a rough early law with a steep fall is kept out by the margin
        List<Candidate> learned = List.of(law(1, 0.5), law(4, 1e-2), law(13, 5e-5), law(17, 9e-6), law(22, 1.9e-6),
                law(25, 1.1e-6));
        assertEquals(13, ModelSelector.choose(learned, o, 1e-12).law().complexity());
    }

    /** 1/(1+e^(−(V+35)/10)) on a uniform grid with multiplicative noise. */
    private static final class SyntheticNoise {
        final Dataset data;

        SyntheticNoise(double sd) {
            SplittableRandom rnd = new SplittableRandom(4);
            int n = 281;
            double[][] x = new double[1][n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                x[0][i] = -100 + 0.5 * i;
                y[i] = 1 / (1 + Math.exp(-(x[0][i] + 35) / 10)) * (1 + sd * rnd.nextGaussian());
            }
            data = new Dataset(x, y, List.of("V"), "y", "synthetic");
        }
    }
}
