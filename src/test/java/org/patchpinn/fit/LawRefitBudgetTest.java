package org.patchpinn.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.patchpinn.sim.Stimuli;
import org.patchpinn.trace.CurrentClampSweep;

/** The law stage keeps its full budget on short sweeps and is capped, like the refinement, on long real ones. */
class LawRefitBudgetTest {
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
}
