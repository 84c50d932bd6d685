package org.patchpinn.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PairedSignFlipTest {
    @Test
    void aModelWorseOnEveryRecordingIsWorseAndOneEqualOnAverageIsNot() {
        double[] best = {1, 2, 4, 8, 1, 2, 4, 8, 1, 2};
        double[] worse = new double[best.length];
        double[] mixed = new double[best.length];
        for (int i = 0; i < best.length; i++) {
            worse[i] = best[i] * 1.5;
            mixed[i] = best[i] * (i % 2 == 0 ? 1.5 : 1 / 1.5);
        }
        // all ten ratios positive: only the observed pattern reaches it, p = 1/1024
        assertEquals(1.0 / 1024, PairedSignFlip.pWorse(best, worse, 1), 1e-12);
        assertTrue(PairedSignFlip.pWorse(best, mixed, 1) > 0.3);
    }

    @Test
    void beyondTheExactRangeSampledPatternsGiveTheSameAnswer() {
        int n = 30;
        double[] best = new double[n];
        double[] worse = new double[n];
        for (int i = 0; i < n; i++) {
            best[i] = 1 + i;
            worse[i] = best[i] * (i < 25 ? 1.3 : 0.9);
        }
        double p = PairedSignFlip.pWorse(best, worse, 7);
        assertTrue(p < 0.001, "p " + p);
        assertEquals(p, PairedSignFlip.pWorse(best, worse, 7), 0, "seeded: the same p on a re-run");
        assertEquals(1, PairedSignFlip.pWorse(new double[] {1}, new double[] {2}, 1), 0, "one recording: no test");
    }
}
