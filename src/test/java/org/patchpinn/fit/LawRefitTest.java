package org.patchpinn.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.patchpinn.sim.Stimuli;
import org.patchpinn.trace.CurrentClampSweep;

/**
 * The law stage keeps its full budget on short sweeps and is capped, like the refinement, on long real ones; the law
 * replaces the learned state only when the selection sweeps' two views allow it.
 */
class LawRefitTest {
    private static List<FitSweep> sweeps(int count, double durationMs) {
        double dt = 0.05;
        int n = (int) Math.round(durationMs / dt);
        FitSweep s = new FitSweep(new CurrentClampSweep(0, new double[n], new double[n], dt),
                Stimuli.sampled(new double[n], dt, "flat"));
        return Collections.nCopies(count, s);
    }

    @Test
    void shortSweepsKeepTheFullBudgetAndLongOnesAreCapped() {
        // rs_adapting: two 600 ms training sweeps, 24,000 samples: 3 × 2000
        assertEquals(LawRefit.LAW_BUDGET * 2000, LawRefit.budget(2000, sweeps(2, 600)));
        // four 3 s sweeps at the staged fit's 0.05 ms step: 240,000 samples, 2.4e8 / 240,000
        assertEquals(1000, LawRefit.budget(2000, sweeps(4, 3000)));
        // never more than the fit's own budget allows
        assertEquals(LawRefit.LAW_BUDGET * 10, LawRefit.budget(10, sweeps(4, 3000)));
    }

    @Test
    void aLawThatLosesTheSpikeTimingIsNotAdoptedUnlessItsStatisticsAreClearlyBetter() {
        // statistics a little lower, timing far worse (the measured case: 1.82 vs 1.88, agreement 0.26 vs 0.97)
        assertFalse(LawRefit.adopts(1.82, 0.256, 1, 1.88, 0.973, 1, 0.17));
        // the same timing loss with statistics halved and lower by more than 1
        assertTrue(LawRefit.adopts(5.59, 0.331, 1, 26.5, 0.753, 1, 0.18));
        // timing within tolerance and statistics no worse
        assertTrue(LawRefit.adopts(1.51, 0.848, 1, 5.94, 0.845, 1, 0.12));
        assertTrue(LawRefit.adopts(5.0, 0.70, 1, 5.0, 0.80, 1, 0.12));
        // never at the cost of statistics or F–I agreement
        assertFalse(LawRefit.adopts(5.1, 0.99, 1, 5.0, 0.5, 1, 0.12));
        assertFalse(LawRefit.adopts(1.0, 0.99, 0, 26.5, 0.5, 1, 0.12));
    }
}
