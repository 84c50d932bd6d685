package org.patchpinn.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.patchpinn.symbolic.FormLawFinder;
import org.patchpinn.symbolic.Law;

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

    /** Recordings of {@code cells} cells at levels 0..levels-1 with value f(cell, level). */
    private static WithinCellTrend.Analysis design(int cells, int levels, java.util.Map<String,
            java.util.function.BiFunction<Integer, Integer, Double>> quantities, int permutations) {
        List<WithinCellTrend.Recording> recs = new ArrayList<>();
        java.util.Map<String, double[]> values = new java.util.LinkedHashMap<>();
        quantities.keySet().forEach(q -> values.put(q, new double[cells * levels]));
        int i = 0;
        for (int c = 0; c < cells; c++) {
            for (int k = 0; k < levels; k++) {
                recs.add(new WithinCellTrend.Recording("c" + c, k * 1.5));
                for (var e : quantities.entrySet()) {
                    values.get(e.getKey())[i] = e.getValue().apply(c, k);
                }
                i++;
            }
        }
        return WithinCellTrend.test(recs, values, permutations, 1, 0.05);
    }

    @Test
    void twoCellsAtThreeLevelsCannotReachFivePercentAndSaySo() {
        SplittableRandom rnd = new SplittableRandom(3);
        WithinCellTrend.Analysis a = design(2, 3, java.util.Map.of("g", (c, k) -> 5.0 - 2 * k + 3 * c
                + 0.01 * rnd.nextGaussian()), 10000);
        // exact: 3!·3! = 36 orderings, the observed one and its reverse are the most extreme
        assertTrue(a.design().exact());
        assertEquals(2.0 / 36, a.design().minP(), 1e-12);
        assertEquals(2.0 / 36, a.results().get(0).p(), 1e-12);
        assertTrue(a.design().warning().contains("cannot detect"), a.design().warning());
        assertTrue(a.design().warning().contains("3 cells at 3 levels"), a.design().warning());
        // the effect is still estimated: -2 per level step, -4 from lowest to highest
        assertEquals(-4, a.results().get(0).effect(), 0.05);
        WithinCellTrend.Result r = a.results().get(0);
        assertTrue(r.ciLow() < r.effect() && r.effect() < r.ciHigh() && r.ciHigh() < 0, r.toString());
    }

    @Test
    void threeCellsAtFiveLevelsFindATrendAndLeaveNoiseAlone() {
        SplittableRandom rnd = new SplittableRandom(11);
        java.util.Map<String, java.util.function.BiFunction<Integer, Integer, Double>> q = new java.util.LinkedHashMap<>();
        q.put("trend", (c, k) -> 10.0 * c + 0.8 * k + 0.3 * rnd.nextGaussian());
        for (int j = 0; j < 8; j++) {
            q.put("noise" + j, (c, k) -> 10.0 * c + rnd.nextGaussian());
        }
        WithinCellTrend.Analysis a = design(3, 5, q, 4000);
        assertFalse(a.design().exact());
        // 9 quantities × 1/4001 ≤ α/2: min-P
        assertEquals(WithinCellTrend.MIN_P, a.design().familyWise());
        assertEquals("", a.design().warning());
        WithinCellTrend.Result t = a.results().get(0);
        assertTrue(t.pAdjusted() < 0.01, t.toString());
        assertEquals(3.2, t.effect(), 0.6);
        for (WithinCellTrend.Result r : a.results().subList(1, a.results().size())) {
            assertTrue(r.pAdjusted() > 0.05, r.toString());
            // the family-wise p adjusts upwards
            assertTrue(r.pAdjusted() >= r.p() - 1e-12, r.toString());
        }
    }

    @Test
    void aLongTailedQuantityDoesNotSetTheFamilyWiseThresholdForTheOthers() {
        // 1,000 orderings (row 0 observed): quantity 0's permuted |t| are light (0…2), quantity 1's long-tailed
        // (up to 50); quantity 0 is observed at 3, beyond every one of its own orderings
        int b = 1000;
        double[][] rows = new double[b][2];
        SplittableRandom rnd = new SplittableRandom(5);
        for (int r = 0; r < b; r++) {
            rows[r][0] = 2 * rnd.nextDouble();
            rows[r][1] = Math.pow(rnd.nextDouble(), -2);
        }
        rows[0][0] = 3;
        rows[0][1] = 1.5;
        double[] tObs = {3, 1.5};
        double[][] p = WithinCellTrend.minP(rows, tObs);
        assertEquals(1.0 / b, p[0][0], 1e-12);
        // max-T would compare 3 with the largest |t| of both quantities: most orderings exceed it through quantity 1
        long maxT = java.util.Arrays.stream(rows).filter(r -> Math.max(r[0], r[1]) >= 3).count();
        assertTrue(maxT / (double) b > 0.05, "max-T p " + maxT / (double) b);
        // min-P: only orderings in which some quantity is at its own 1-in-1000 extreme count (at most 2)
        assertTrue(p[1][0] <= 2.0 / b + 1e-12, "min-P p " + p[1][0]);
        // and the long-tailed quantity's own p is what its own orderings say
        assertTrue(p[0][1] > 0.3, "p " + p[0][1]);
        assertTrue(p[1][1] >= p[0][1] - 1e-12);
    }

    @Test
    void differencesBetweenCellsDoNotMakeATrend() {
        // cell a at low levels with low values, cell b at high levels with high values, no trend within cells:
        // a pooled test would call this a strong trend
        List<WithinCellTrend.Recording> recs = new ArrayList<>();
        double[] y = {10.0, 10.2, 9.9, 10.1, 20.1, 19.9, 20.2, 20.0};
        for (int i = 0; i < 8; i++) {
            recs.add(new WithinCellTrend.Recording(i < 4 ? "a" : "b", i + 1));
        }
        WithinCellTrend.Result r = WithinCellTrend.test(recs, java.util.Map.of("v", y), 5000, 2, 0.05).results().get(0);
        assertTrue(r.p() > 0.3, "p " + r.p());
    }

    @Test
    void theFamilyWiseMethodFollowsTheDesignNotTheData() {
        // 3 cells × 3 levels: 216 orderings, smallest p 2/216; with 40 quantities min-P could never pass
        assertEquals(WithinCellTrend.MAX_T, WithinCellTrend.familyWiseMethod(40, 2.0 / 216, 0.05));
        assertEquals(WithinCellTrend.MIN_P, WithinCellTrend.familyWiseMethod(40, 1.0 / 10001, 0.05));
        assertEquals(WithinCellTrend.MAX_T, WithinCellTrend.familyWiseMethod(400, 1.0 / 10001, 0.05));
    }

    @Test
    void aQuantitySharedByEachCellIsNotTestable() {
        WithinCellTrend.Analysis a = design(3, 3, java.util.Map.of("Cm", (c, k) -> 100.0 + 10 * c), 1000);
        assertFalse(a.results().get(0).testable());
        assertTrue(Double.isNaN(a.results().get(0).p()));
    }

    @Test
    void singleRecordingsOfManyCellsArePooledIntoOneStratum() {
        List<WithinCellTrend.Recording> recs = new ArrayList<>();
        double[] y = new double[8];
        for (int k = 0; k < 8; k++) {
            recs.add(new WithinCellTrend.Recording("cell" + k, k));
            y[k] = k * k + 0.1 * Math.sin(k);
        }
        assertEquals(1, WithinCellTrend.strata(recs).length);
        assertTrue(WithinCellTrend.test(recs, java.util.Map.of("v", y), 5000, 4, 0.05).results().get(0).p() < 0.001);
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
        Law law = new FormLawFinder().find("gX (nS)", List.of("G"), x, y).orElseThrow();
        assertTrue(law.r2() > 0.999, law.toString());
        assertEquals(5 / (1 + Math.pow(4 / 1.5, 2)), law.value(4), 0.02);
        assertTrue(law.sympy().contains("**"), law.sympy());
    }
}
