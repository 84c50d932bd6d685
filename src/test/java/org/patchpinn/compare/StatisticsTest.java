package org.patchpinn.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StatisticsTest {

    @Test
    void bootstrapIntervalOfTheMeanMatchesTheNormalTheoryInterval() {
        SplittableRandom rnd = new SplittableRandom(7);
        double[] x = new double[200];
        for (int i = 0; i < x.length; i++) {
            x[i] = 10 + 2 * rnd.nextGaussian();
        }
        Summary s = Summary.of(x, 4000, 1);
        assertEquals(200, s.n());
        double sd = Math.sqrt(java.util.Arrays.stream(x).map(v -> (v - s.mean()) * (v - s.mean())).sum() / 199);
        assertEquals(sd / Math.sqrt(200), s.sem(), 1e-12);
        assertEquals(s.mean() - 1.96 * s.sem(), s.ciLow(), 0.1 * 1.96 * s.sem());
        assertEquals(s.mean() + 1.96 * s.sem(), s.ciHigh(), 0.1 * 1.96 * s.sem());
    }

    @Test
    void oneValueHasNoSpreadAndNoValuesHaveNoMean() {
        Summary one = Summary.of(new double[] {3, Double.NaN}, 1);
        assertEquals(1, one.n());
        assertEquals(3, one.mean());
        assertTrue(Double.isNaN(one.sem()) && Double.isNaN(one.ciLow()));
        assertTrue(Double.isNaN(Summary.of(new double[0], 1).mean()));
    }

    @Test
    void aPerfectWithinCellTrendIsSignificantWithTheExactPermutationP() {
        List<TrendTest.Point> pts = new ArrayList<>();
        for (String cell : List.of("a", "b")) {
            for (int k = 0; k < 5; k++) {
                pts.add(new TrendTest.Point(cell, k, -3.0 * k + (cell.equals("a") ? 0 : 50)));
            }
        }
        TrendTest.Result r = TrendTest.test(pts, 20000, 1);
        assertEquals(-1, r.rho(), 1e-12);
        // only the identity and its reverse in both cells reach |rho| = 1: p = 2 / (5!·5!) ≈ 1.4e-4
        assertTrue(r.p() < 1e-3, "p " + r.p());
        assertEquals(2, r.strata());
    }

    @Test
    void differencesBetweenCellsDoNotMakeATrend() {
        // cell a at low levels with low values, cell b at high levels with high values, no trend within cells:
        // a pooled Spearman test would call this a strong trend
        List<TrendTest.Point> pts = List.of(
                new TrendTest.Point("a", 1, 10.0), new TrendTest.Point("a", 2, 10.2), new TrendTest.Point("a", 3, 9.9),
                new TrendTest.Point("a", 4, 10.1), new TrendTest.Point("b", 5, 20.1), new TrendTest.Point("b", 6, 19.9),
                new TrendTest.Point("b", 7, 20.2), new TrendTest.Point("b", 8, 20.0));
        TrendTest.Result r = TrendTest.test(pts, 5000, 2);
        assertTrue(r.p() > 0.3, "p " + r.p());
    }

    @Test
    void noiseWithoutTrendIsNotSignificantAndAModerateTrendIs() {
        SplittableRandom rnd = new SplittableRandom(11);
        List<TrendTest.Point> noise = new ArrayList<>();
        List<TrendTest.Point> trend = new ArrayList<>();
        for (int c = 0; c < 6; c++) {
            for (int k = 0; k < 5; k++) {
                noise.add(new TrendTest.Point("c" + c, k, rnd.nextGaussian()));
                trend.add(new TrendTest.Point("c" + c, k, 0.8 * k + rnd.nextGaussian()));
            }
        }
        assertTrue(TrendTest.test(noise, 5000, 3).p() > 0.05);
        TrendTest.Result t = TrendTest.test(trend, 5000, 3);
        assertTrue(t.p() < 0.001 && t.rho() > 0.5, t.toString());
    }

    @Test
    void singleRecordingsOfManyCellsArePooledIntoOneStratum() {
        List<TrendTest.Point> pts = new ArrayList<>();
        for (int k = 0; k < 8; k++) {
            pts.add(new TrendTest.Point("cell" + k, k, k * k));
        }
        TrendTest.Result r = TrendTest.test(pts, 5000, 4);
        assertEquals(1, r.strata());
        assertEquals(1.0, r.rho(), 1e-12);
        assertTrue(r.p() < 0.001);
    }

    @Test
    void holmAdjustsStepDownAndKeepsOrder() {
        double[] adj = TrendTest.holm(new double[] {0.01, 0.04, Double.NaN, 0.03});
        assertEquals(0.03, adj[0], 1e-12);
        assertEquals(0.06, adj[3], 1e-12);
        assertEquals(0.06, adj[1], 1e-12);
        assertTrue(Double.isNaN(adj[2]));
    }

    @Test
    void ranksShareTies() {
        double[] r = TrendTest.ranks(new double[] {5, 1, 5, 3});
        assertEquals(3.5, r[0]);
        assertEquals(1, r[1]);
        assertEquals(3.5, r[2]);
        assertEquals(2, r[3]);
    }

    @Test
    void candidateLawFinderRecoversAHillLaw() {
        double[] g = {0.25, 0.5, 1, 2, 3, 5, 8, 12, 20};
        double[][] x = new double[g.length][];
        double[] y = new double[g.length];
        for (int i = 0; i < g.length; i++) {
            x[i] = new double[] {g[i]};
            y[i] = 5 / (1 + Math.pow(g[i] / 1.5, 2));
        }
        Law law = new CandidateLawFinder().find("gX (nS)", List.of("G"), x, y).orElseThrow();
        assertTrue(law.r2() > 0.999, law.toString());
        assertEquals(5 / (1 + Math.pow(4 / 1.5, 2)), law.value(4), 0.02);
        assertTrue(law.sympy().contains("**"), law.sympy());
    }
}
