package org.patchpinn.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The recovery after a step is read past the last spike's after-hyperpolarisation, not at the phase of the train. */
class StepSummaryRecoveryTest {
    private static final double DT = 0.05;
    private static final double STEP_END_MS = 400;

    /**
     * A step from 100 to 400 ms on a −70 mV baseline: −50 mV during the step with spikes at {@code spikesMs}
     * (0.5 ms at +30 mV, then a 12 mV after-hyperpolarisation decaying with τ 4 ms), and after it a slow undershoot
     * of 8 mV decaying with τ 40 ms — the same membrane whatever the spikes' phase.
     */
    private static double[] trace(double... spikesMs) {
        double[] v = new double[(int) (700 / DT)];
        for (int k = 0; k < v.length; k++) {
            double t = k * DT;
            double under = t < 100 ? -70 : t < STEP_END_MS ? -50 : -70 - 8 * Math.exp(-(t - STEP_END_MS) / 40);
            double last = Double.NaN;
            for (double s : spikesMs) {
                if (s <= t) {
                    last = s;
                }
            }
            double since = t - last;
            v[k] = Double.isNaN(last) ? under : since < 0.5 ? 30 : under - 12 * Math.exp(-(since - 0.5) / 4);
        }
        return v;
    }

    @Test
    void theOriginIsTheStepsEndOrClearOfASpikeNearIt() {
        assertEquals(STEP_END_MS, StepSummary.recoveryOriginMs(new double[] {200, 300}, STEP_END_MS), 1e-9);
        assertEquals(397 + StepSummary.RECOVERY_CLEAR_MS,
                StepSummary.recoveryOriginMs(new double[] {300, 397}, STEP_END_MS), 1e-9);
        // a spike in flight at the step's end, and one it triggers after the end, both push the origin on
        assertEquals(405 + StepSummary.RECOVERY_CLEAR_MS,
                StepSummary.recoveryOriginMs(new double[] {395, 405}, STEP_END_MS), 1e-9);
        assertEquals(STEP_END_MS, StepSummary.recoveryOriginMs(new double[0], STEP_END_MS), 1e-9);
    }

    @Test
    void theStatisticsSimulateTheRecoverysLastSample() {
        // a train ending at the step's end reads its last sample RECOVERY_SPAN_MS on: a shorter tail drops it from the
        // data and caps it in the model, by phase again
        assertTrue(FeatureObjective.TAIL_MS >= StepSummary.RECOVERY_SPAN_MS + 5,
                FeatureObjective.TAIL_MS + " ms simulated, " + StepSummary.RECOVERY_SPAN_MS + " ms read");
        double[] late = trace(372, 397);
        int n = (int) Math.ceil((STEP_END_MS + FeatureObjective.TAIL_MS) / DT);
        StepSummary s = StepSummary.of(Arrays.copyOf(late, n), DT, 100, STEP_END_MS);
        for (double x : s.recovery()) {
            assertTrue(Double.isFinite(x), Arrays.toString(s.recovery()));
        }
    }

    @Test
    void twoTrainsEndingInDifferentPhasesRecoverAlike() {
        // the same firing, shifted: the last spike 3 ms before the step's end in one, 15 ms in the other
        double[] late = trace(122, 147, 172, 197, 222, 247, 272, 297, 322, 347, 372, 397);
        double[] early = trace(110, 135, 160, 185, 210, 235, 260, 285, 310, 335, 360, 385);
        // counted from the step's end, the first sample (5 ms) would sit in the late train's after-hyperpolarisation
        int at = (int) Math.round((STEP_END_MS + StepSummary.RECOVERY_MS[0]) / DT);
        assertTrue(late[at] < early[at] - 1.5, late[at] + " vs " + early[at]);

        StepSummary a = StepSummary.of(late, DT, 100, STEP_END_MS);
        StepSummary b = StepSummary.of(early, DT, 100, STEP_END_MS);
        assertEquals(12, a.spikes());
        assertEquals(12, b.spikes());
        // both origins move past the last spike (417 and 405 ms): the late train's recovery is read 12 ms later on an
        // undershoot decaying with τ 40 ms, 1.6 mV apart at the first sample, and no after-hyperpolarisation in either
        assertEquals(385 + StepSummary.RECOVERY_CLEAR_MS,
                StepSummary.recoveryOriginMs(new double[] {360, 385}, STEP_END_MS), 1e-9);
        assertArrayEquals(b.recovery(), a.recovery(), 1.8);
        for (int k = 0; k < a.recovery().length; k++) {
            double t = 397 + StepSummary.RECOVERY_CLEAR_MS + StepSummary.RECOVERY_MS[k] - STEP_END_MS;
            assertEquals(-8 * Math.exp(-t / 40), a.recovery()[k], 0.3, "late train, sample " + k);
        }
    }
}
