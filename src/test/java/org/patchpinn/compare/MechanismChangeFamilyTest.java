package org.patchpinn.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Whether a mechanism's parameter changes is tested family-wise over the mechanisms' parameters only, not over
 * every quantity compare reports: with many unrelated quantities in the family, a clear within-cell trend of the
 * acting mechanism's parameter would not reach α.
 */
class MechanismChangeFamilyTest {
    private static final int CELLS = 3;
    private static final double[] LEVELS = {0.5, 1, 2.5, 5, 10};

    @Test
    void aMechanismsTrendIsJudgedAmongTheMechanismsNotAmongEveryQuantity() {
        List<WithinCellTrend.Recording> recs = new ArrayList<>();
        for (int c = 0; c < CELLS; c++) {
            for (double g : LEVELS) {
                recs.add(new WithinCellTrend.Recording("c" + c, g));
            }
        }
        Random rnd = new Random(11);
        Map<Mechanism, double[]> mechanisms = new LinkedHashMap<>();
        Mechanism acting = new Mechanism("conductance gA(G)", "conductance", "gA", true);
        // falls with the level in every cell, with cell offsets and noise: a moderate, consistent trend
        mechanisms.put(acting, values(recs, (cell, level) -> 10 + 3 * cell - 0.4 * level + 1.2 * rnd.nextGaussian()));
        for (String p : List.of("gB", "EC")) {
            mechanisms.put(new Mechanism("other " + p, "conductance", p, false),
                    values(recs, (cell, level) -> 5 + cell + rnd.nextGaussian()));
        }
        Map<Mechanism, MechanismComparison.Change> changes =
                ConditionComparison.mechanismChanges(recs, mechanisms, 2000, 3, 0.05);

        // the family is the three mechanisms: the same adjusted p as testing exactly those three
        Map<String, double[]> three = new LinkedHashMap<>();
        mechanisms.forEach((m, v) -> three.put(ConditionComparison.MECHANISM + m.parameter(), v));
        WithinCellTrend.Result alone = WithinCellTrend.test(recs, three, 2000, 3, 0.05).results().get(0);
        assertEquals(alone.pAdjusted(), changes.get(acting).pFamilyWise(), 1e-12);
        assertTrue(changes.get(acting).significant(), changes.toString());

        // among 40 more quantities (features, fitted parameters) the same trend is no longer significant
        Map<String, double[]> every = new LinkedHashMap<>(three);
        for (int q = 0; q < 40; q++) {
            every.put("feature" + q, values(recs, (cell, level) -> rnd.nextGaussian()));
        }
        WithinCellTrend.Result diluted = WithinCellTrend.test(recs, every, 2000, 3, 0.05).results().get(0);
        assertTrue(diluted.pAdjusted() >= 0.05, diluted + " vs " + changes);
        assertFalse(changes.values().stream().skip(1).anyMatch(MechanismComparison.Change::significant),
                changes.toString());
    }

    private interface Value {
        double at(int cell, double level);
    }

    private static double[] values(List<WithinCellTrend.Recording> recs, Value v) {
        return recs.stream().mapToDouble(r -> v.at(Integer.parseInt(r.cell().substring(1)), r.condition()))
                .toArray();
    }
}
