package org.patchpinn.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The comparison's LawFinder backed by the search: a Hill law of glucose; nothing from too few points. */
class SymbolicLawFinderTest {

    @Test
    void findsAHillLawOfGlucose() {
        int n = 20;
        double[][] x = new double[n][1];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = 0.5 + 0.5 * i;
            y[i] = 5 / (1 + Math.pow(x[i][0] / 1.5, 2));
        }
        SymbolicLawFinder finder = new SymbolicLawFinder(new SearchSettings(2, 2, 40, 40, 15, 2, 60, null, true));
        Optional<Law> law = finder.find("gX (nS)", List.of("G"), x, y);
        assertTrue(law.isPresent());
        assertTrue(law.get().r2() > 0.999, law.get().toJson().toString());
        assertEquals(2.5, law.get().value(1.5), 0.05, law.get().expression());
        assertEquals(List.of("G"), law.get().variables());
        assertTrue(law.get().sympy().contains("G"));
    }

    @Test
    void tooFewConditionsGiveNoLaw() {
        double[][] x = {{0.5}, {1}, {2.5}, {5}, {10}};
        double[] y = {4, 3.5, 1.3, 0.4, 0.1};
        assertTrue(new SymbolicLawFinder().find("gX (nS)", List.of("G"), x, y).isEmpty());
    }
}
