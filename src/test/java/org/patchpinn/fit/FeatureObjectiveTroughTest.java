package org.patchpinn.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The staged fit's view of the membrane between spikes: the trough over the whole train, seen at any depth. */
class FeatureObjectiveTroughTest {
    private static final double DT = 0.05;

    /**
     * A 1 s step from 100 ms on a −65 mV baseline: a spike every 50 ms from 110 ms (0.5 ms up to +30 mV, 1 ms down
     * to {@code troughMv}, then 10 ms back to −45 mV, where it sits until the next).
     */
    private static double[] train(double troughMv) {
        double[] v = new double[(int) (1300 / DT)];
        Arrays.fill(v, -65);
        for (int i = (int) (100 / DT); i < (int) (1100 / DT); i++) {
            v[i] = -45;
        }
        for (double t = 110; t < 1090; t += 50) {
            int i = (int) (t / DT);
            for (int k = 0; k < 10; k++) {
                v[i + k] = -45 + 7.5 * (k + 1);
            }
            for (int k = 0; k < 20; k++) {
                v[i + 10 + k] = 30 + (troughMv - 30) * (k + 1) / 20.0;
            }
            for (int k = 0; k < 200; k++) {
                v[i + 30 + k] = troughMv + (-45 - troughMv) * (k + 1) / 200.0;
            }
        }
        return v;
    }

    private static StepSummary summary(double troughMv) {
        return StepSummary.of(train(troughMv), DT, 100, 1100);
    }

    private static double cost(StepSummary data, StepSummary model) {
        List<Double> r = new ArrayList<>();
        FeatureObjective.addResiduals(data, model, new FeatureObjective.Scored(false, false, true), r);
        return r.stream().mapToDouble(x -> x * x).sum();
    }

    @Test
    void theTroughBetweenSpikesIsReadOverTheTrain() {
        StepSummary s = summary(-50);
        assertEquals(20, s.spikes());
        assertEquals(-50, s.troughMv(), 0.5);
    }

    @Test
    void aTroughFiftyFiveMillivoltsTooDeepCostsMoreThanOneFifteenTooDeep() {
        StepSummary data = summary(-45);
        double near = cost(data, summary(-60));
        double far = cost(data, summary(-100));
        // the first spike's AHP term alone saturates at 15 mV: 55 mV cost what 15 did, and fits left troughs near EK
        assertTrue(far > near + 10, "trough 15 mV off " + near + ", 55 mV off " + far);
    }
}
