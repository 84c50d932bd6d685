package org.patchpinn.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.patchpinn.model.BuiltinModels;
import org.patchpinn.model.ModelSpec;
import org.patchpinn.sim.Simulator;
import org.patchpinn.sim.Stimuli;

class SpikeTimesTest {
    private static final double DT = 0.05;

    /**
     * A train of piecewise-linear spikes from {@code restMv}: each rises in 0.5 ms from its trough to {@code peakMv},
     * falls in 1 ms to {@code troughMv} and creeps up 5 mV over 10 ms before the next.
     */
    private static double[] train(double restMv, double troughMv, double peakMv, int spikes) {
        List<Double> v = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            v.add(restMv);
        }
        double from = restMv;
        for (int k = 0; k < spikes; k++) {
            ramp(v, from, peakMv, 0.5);
            ramp(v, peakMv, troughMv, 1.0);
            ramp(v, troughMv, troughMv + 5, 10);
            from = troughMv + 5;
        }
        ramp(v, from, restMv, 20);
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void ramp(List<Double> v, double a, double b, double ms) {
        int n = (int) Math.round(ms / DT);
        for (int i = 1; i <= n; i++) {
            v.add(a + (b - a) * i / n);
        }
    }

    /**
     * The template cell's response to a 400 pA step sampled at 200 kHz with 0.5 mV of white noise: every spike is
     * counted and timed as on the clean trace (read on the samples as recorded, the noise's dV/dt made the
     * detector drop spikes: 48 of 69 counted).
     */
    @Test
    void spikesRecordedAt200KHzWithNoiseAreEachCounted() {
        double dt = 0.005;
        ModelSpec cell = BuiltinModels.get("traub-rs-m");
        double[] clean = Simulator.shared().simulate(cell, cell.values(), Stimuli.step(100, 1000, 400), 1200, dt)
                .v();
        double[] noisy = clean.clone();
        Random rng = new Random(1);
        for (int i = 0; i < noisy.length; i++) {
            noisy[i] += 0.5 * rng.nextGaussian();
        }
        double[] t0 = SpikeTimes.detect(clean, dt);
        double[] t = SpikeTimes.detect(noisy, dt);
        assertTrue(t0.length > 40, t0.length + " spikes");
        assertEquals(t0.length, t.length);
        for (int k = 0; k < t.length; k++) {
            assertEquals(t0[k], t[k], 0.05, "spike " + k);
        }
    }

    /** Late in a real cell's strong steps the troughs stay above −30 mV; a crossing detector re-armed below it saw one. */
    @Test
    void spikesWhoseTroughsStayAboveMinus30AreEachCounted() {
        double[] v = train(-60, -25, 20, 12);
        assertEquals(12, SpikeTimes.detect(v, DT).length);
        assertEquals(new SpikeDetector(SpikeDetectionSettings.defaults()).detect(v, DT).size(),
                SpikeTimes.detect(v, DT).length);
    }

    @Test
    void aSpikeIsTimedAtItsUpstrokesInterpolatedMinus20MvCrossing() {
        double[] v = {-70, -70, -70, -10, 30, -10, -45, -60, -70, -70};
        double[] t = SpikeTimes.detect(v, 0.1);
        assertArrayEquals(new double[] {0.2 + 50.0 / 60 * 0.1}, t, 1e-12);
    }

    /** A spike rising from above −20 mV (bridge error, depolarised troughs) is timed at half its height instead. */
    @Test
    void aSpikeRidingAboveMinus20MvIsTimedAtHalfItsHeight() {
        double[] v = train(-60, 0, 60, 3);
        double[] t = SpikeTimes.detect(v, DT);
        assertEquals(3, t.length);
        // the second spike rises from +5 mV (the creep's last sample, after 200 samples of rest and the first
        // spike's 10 + 20 + 200) to 60 mV in 0.5 ms
        double riseStart = (200 + 10 + 20 + 200 - 1) * DT;
        List<Spike> s = new SpikeDetector(SpikeDetectionSettings.defaults()).detect(v, DT);
        double half = 0.5 * (s.get(1).thresholdMv() + s.get(1).peakMv());
        double expected = riseStart + (half - 5) / (60 - 5) * 0.5;
        assertEquals(expected, t[1], 1e-9);
    }
}
