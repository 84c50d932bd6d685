package org.patchpinn.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The rest is read before the first command change, also on protocols that step 15.6 ms into the sweep (three cells
 * of one lab): until session 33 that stretch was too short (20 ms), so their fit anchored no leak on the rest.
 */
class PassiveStepsRestTest {
    private static final double DT = 0.1;

    /** -65 mV at rest, a -100 pA step into 100 MOhm from {@code stepAtMs} for 800 ms, 1000 ms in all. */
    private static PassiveSteps sweep(double stepAtMs) {
        double[] v = new double[10000];
        double[] c = new double[10000];
        int a = (int) Math.round(stepAtMs / DT);
        for (int i = 0; i < v.length; i++) {
            boolean in = i >= a && i < a + 8000;
            c[i] = in ? -100 : 0;
            v[i] = -65 + (in ? -10 * (1 - Math.exp(-(i - a) * DT / 20)) : 0) + 0.05 * Math.sin(i);
        }
        return PassiveSteps.of(v, c, DT);
    }

    @Test
    void aRestOf15MsBeforeTheStepIsRead() {
        PassiveSteps p = sweep(15.6);
        assertEquals(-65, p.restMv(), 0.1);
        assertEquals(1, p.steps().size());
        assertEquals(100, p.steps().get(0).resistanceMOhm(), 1);
    }

    @Test
    void aStretchOfAFewMillisecondsIsNoRest() {
        assertTrue(Double.isNaN(sweep(5).restMv()));
    }
}
