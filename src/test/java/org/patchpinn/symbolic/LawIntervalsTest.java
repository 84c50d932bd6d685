package org.patchpinn.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LawIntervalsTest {
    /** 3 cells × 5 levels of EK(G) = −90 + 15/(1+(G/1.5)²) mV with 0.5 mV noise. */
    private static double[][] levels() {
        double[] g = {0.5, 1, 2.5, 5, 10};
        double[][] x = new double[15][];
        for (int i = 0; i < 15; i++) {
            x[i] = new double[] {g[i % 5]};
        }
        return x;
    }

    @Test
    void intervalsOfAHillLawCoverTheGeneratingConstants() {
        double[][] x = levels();
        double[] y = new double[x.length];
        Random rnd = new Random(3);
        for (int i = 0; i < y.length; i++) {
            y[i] = -90 + 15 / (1 + Math.pow(x[i][0] / 1.5, 2)) + 0.5 * rnd.nextGaussian();
        }
        // printed with a few digits and slightly off, as a law finder would print it
        Law law = new Law("EK (mV)", List.of("G"), "", "-89.8 + 14.6/(1 + (G/1.55)**2.1)", 0.99, "test", v -> 0);
        List<Law.Constant> c = LawIntervals.of(law, x, y);
        assertEquals(4, c.size(), "the structural 1 is not a constant");
        double[] truth = {-90, 15, 1.5, 2};
        for (int j = 0; j < 4; j++) {
            assertTrue(c.get(j).ciLow() < truth[j] && truth[j] < c.get(j).ciHigh(), "constant " + j + " " + c.get(j));
            assertTrue(c.get(j).ciHigh() - c.get(j).ciLow() < Math.max(2, Math.abs(truth[j])), "narrow " + c.get(j));
        }
        assertTrue(law.withConstants(c).constantsText().contains("["), law.withConstants(c).constantsText());
    }

    @Test
    void aCellsRecordingsCountAsOneUnitNotFive() {
        // the same law, each cell offset by -3, 0 or +3 mV over all its levels (a between-cell difference)
        double[][] x = levels();
        double[] y = new double[x.length];
        List<String> cells = new ArrayList<>();
        Random rnd = new Random(5);
        for (int i = 0; i < y.length; i++) {
            int cell = i / 5;
            cells.add("cell" + cell);
            y[i] = -90 + 15 / (1 + Math.pow(x[i][0] / 1.5, 2)) + 3 * (cell - 1) + 0.2 * rnd.nextGaussian();
        }
        Law law = new Law("EK (mV)", List.of("G"), "", "-89.8 + 14.6/(1 + (G/1.55)**2.1)", 0.99, "test", v -> 0);
        Law.Constant independent = LawIntervals.of(law, x, y).get(0);
        Law.Constant byCell = LawIntervals.of(law, x, y, cells).get(0);
        assertEquals(independent.value(), byCell.value(), 1e-12);
        double w0 = independent.ciHigh() - independent.ciLow();
        double w1 = byCell.ciHigh() - byCell.ciLow();
        assertTrue(w1 > 1.2 * w0, "by cell " + byCell + " vs independent " + independent);
        assertTrue(byCell.ciLow() < -90 && -90 < byCell.ciHigh(), byCell.toString());
    }

    @Test
    void aLawWithAsManyConstantsAsObservationsHasNoInterval() {
        double[][] x = {{1}, {2}};
        double[] y = {3, 5};
        Law law = new Law("y", List.of("G"), "", "1.2 + 2.1*G", 1, "test", v -> 0);
        List<Law.Constant> c = LawIntervals.of(law, x, y);
        assertEquals(2, c.size());
        assertEquals(1, c.get(0).value(), 1e-6, "refitted through both points");
        assertFalse(Double.isFinite(c.get(0).ciLow()));
        assertTrue(c.get(0).toString().contains("not identified"));
    }

    @Test
    void unparseableTextGivesNoConstants() {
        Law law = new Law("y", List.of("G"), "", "G +* 2", 1, "test", v -> 0);
        assertTrue(LawIntervals.of(law, new double[][] {{1}, {2}, {3}}, new double[] {1, 2, 3}).isEmpty());
    }
}
