package org.patchpinn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Command waveforms rebuilt from hand-made epoch tables: shapes, per-sweep increments, clamping. */
class AbfEpochWaveformTest {
    private static final int N = 6400; // holding stretch before the epochs: N / 64 = 100 samples

    private static AbfDac dac(boolean keepLast, AbfEpoch... epochs) {
        return new AbfDac(0, "Cmd 0", "pA", -70, true, AbfDac.SOURCE_EPOCHS, keepLast, List.of(epochs), "");
    }

    private static float[] wave(AbfDac dac, int sweep) {
        List<AbfEpochWaveform.Segment> s = AbfEpochWaveform.segments(dac, N, sweep);
        assertTrue(AbfEpochWaveform.defined(s));
        return AbfEpochWaveform.render(s, N);
    }

    @Test
    void stepAdvancesLevelAndDurationEachSweep() {
        AbfDac d = dac(false, new AbfEpoch(0, AbfEpoch.STEP, 10, 5, 1000, 100, 0, 0));
        float[] c = wave(d, 2);
        assertEquals(-70, c[99]);
        assertEquals(20, c[100]);
        assertEquals(20, c[1299]);
        assertEquals(-70, c[1300]);
        assertEquals(-70, c[N - 1]);
    }

    @Test
    void rampRunsFromThePreviousLevelToItsOwnIncludingBothEnds() {
        AbfDac d = dac(false, new AbfEpoch(0, AbfEpoch.STEP, 0, 0, 100, 0, 0, 0),
                new AbfEpoch(1, AbfEpoch.RAMP, 100, 0, 101, 0, 0, 0));
        float[] c = wave(d, 0);
        for (int i = 0; i <= 100; i++) {
            assertEquals(i, c[200 + i], 1e-5);
        }
        assertEquals(-70, c[301]);
    }

    @Test
    void pulseTrainAlternatesBetweenThePreviousLevelAndItsOwn() {
        AbfDac d = dac(false, new AbfEpoch(0, AbfEpoch.STEP, 0, 0, 100, 0, 0, 0),
                new AbfEpoch(1, AbfEpoch.PULSE, 50, 0, 1000, 0, 100, 10));
        float[] c = wave(d, 0);
        for (int k = 0; k < 10; k++) {
            int start = 200 + 100 * k;
            assertEquals(50, c[start]);
            assertEquals(50, c[start + 9]);
            assertEquals(0, c[start + 10]);
            assertEquals(0, c[start + 99]);
        }
        assertEquals(-70, c[1200]);
    }

    @Test
    void biphasicTrainGoesUpThenDownByTheLevelChange() {
        AbfDac d = dac(false, new AbfEpoch(0, AbfEpoch.STEP, 10, 0, 100, 0, 0, 0),
                new AbfEpoch(1, AbfEpoch.BIPHASIC, 30, 0, 200, 0, 100, 20));
        float[] c = wave(d, 0);
        assertEquals(30, c[200]);  // 10 + 20
        assertEquals(-10, c[210]); // 10 - 20
        assertEquals(10, c[220]);
    }

    @Test
    void keptLastLevelCarriesIntoTheNextSweep() {
        AbfDac d = dac(true, new AbfEpoch(0, AbfEpoch.STEP, -50, 10, 1000, 0, 0, 0));
        assertEquals(-70, wave(d, 0)[0]);
        assertEquals(-50, wave(d, 0)[N - 1]); // after the epochs the level stays
        assertEquals(-50, wave(d, 1)[0]);     // and starts the next sweep
        assertEquals(-40, wave(d, 1)[500]);
    }

    @Test
    void corruptDurationsAreClampedToTheSweep() {
        AbfDac d = dac(false, new AbfEpoch(0, AbfEpoch.STEP, 1, 0, Integer.MAX_VALUE, Integer.MAX_VALUE, 0, 0),
                new AbfEpoch(1, AbfEpoch.STEP, 2, 0, -5000, 0, 0, 0));
        float[] c = wave(d, 3);
        assertEquals(N, c.length);
        assertEquals(1, c[N - 1]);
        AbfDac back = dac(false, new AbfEpoch(0, AbfEpoch.STEP, 1, 0, -10_000, 0, 0, 0));
        float[] b = wave(back, 0);
        assertEquals(-70, b[0]);
        assertEquals(-70, b[N - 1]);
    }

    @Test
    void unknownEpochTypeLeavesTheWaveformUndefined() {
        AbfDac d = dac(false, new AbfEpoch(0, 6, 1, 0, 100, 0, 0, 0));
        List<AbfEpochWaveform.Segment> s = AbfEpochWaveform.segments(d, N, 0);
        assertFalse(AbfEpochWaveform.defined(s));
        assertTrue(Float.isNaN(AbfEpochWaveform.render(s, N)[150]));
        assertEquals(-70, AbfEpochWaveform.render(s, N)[250]);
    }
}
