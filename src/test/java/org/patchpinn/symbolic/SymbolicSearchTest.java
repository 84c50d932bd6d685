package org.patchpinn.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.patchpinn.task.Progress;

/** The search on small budgets: recovery of a Boltzmann law, and one seed giving one result. */
class SymbolicSearchTest {

    /** y = 1/(1 + e^(−(V+35)/10)) on −100…40 mV with 0.2 % multiplicative noise. */
    static Dataset boltzmann(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 141;
        double[][] x = new double[1][n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[0][i] = -100 + i;
            y[i] = 1 / (1 + Math.exp(-(x[0][i] + 35) / 10)) * (1 + 0.002 * rnd.nextGaussian());
        }
        return new Dataset(x, y, List.of("V"), "m_inf", "synthetic");
    }

    private static SearchSettings small(long seed, int threads) {
        return new SearchSettings(seed, 2, 40, 40, 20, threads, 60, null, true);
    }

    @Test
    void recoversABoltzmannLawThatExtrapolates() {
        SearchResult r = SymbolicSearch.run(boltzmann(7), small(3, 2), Progress.NONE);
        double[] v = new double[201];
        double[] truth = new double[201];
        for (int i = 0; i < v.length; i++) {
            v[i] = -130 + i;
            truth[i] = 1 / (1 + Math.exp(-(v[i] + 35) / 10));
        }
        double[] f = new CompiledExpression(r.best().law()).evaluate(new double[][] {v});
        double err = Objective.maxRelativeError(f, truth);
        String law = ExpressionFormat.format(r.best().law(), ExpressionFormat.Style.EXPRESSION, List.of("V"));
        assertTrue(err < 0.02, law + ": max relative error " + err + " on -130..70 mV");
        assertTrue(r.best().complexity() <= 7, law + " is not the simplest law within the noise");
        assertEquals(Objective.Weighting.RELATIVE, r.objective().weighting());
        assertTrue(r.front().size() >= 2);
    }

    @Test
    void sameSeedSameResultWhateverTheThreads() {
        Dataset data = boltzmann(1);
        SearchSettings one = new SearchSettings(5, 3, 30, 20, 20, 1, 600, null, true);
        SearchResult a = SymbolicSearch.run(data, one, Progress.NONE);
        SearchResult b = SymbolicSearch.run(data, one.withThreads(3), Progress.NONE);
        assertEquals(a.front().stream().map(c -> c.law().toString()).toList(),
                b.front().stream().map(c -> c.law().toString()).toList());
        assertEquals(a.evaluations(), b.evaluations());
        SearchResult c = SymbolicSearch.run(data, new SearchSettings(6, 3, 30, 20, 20, 3, 600, null, true),
                Progress.NONE);
        assertTrue(!a.front().stream().map(x -> x.law().toString()).toList()
                .equals(c.front().stream().map(x -> x.law().toString()).toList()), "another seed, another search");
    }
}
