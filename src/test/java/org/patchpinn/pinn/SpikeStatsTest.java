package org.patchpinn.pinn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SpikeStatsTest {
    @Test
    void identicalTrainsCoincideFully() {
        double[] t = {10, 30, 55, 90};
        assertEquals(1.0, SpikeStats.coincidence(t, t, 2, 200), 1e-12);
    }

    @Test
    void trainsShiftedBeyondTheWindowScoreNearChance() {
        double[] a = {10, 30, 55, 90};
        double[] b = {15, 35, 60, 95};
        assertTrue(SpikeStats.coincidence(a, b, 2, 200) <= 0);
    }

    @Test
    void adaptationIndexOfLengtheningIntervalsIsPositive() {
        double[] spikes = {0, 10, 22, 36, 52};
        // ISIs 10, 12, 14, 16: mean of (14-12)/26 and (16-14)/30 (from the second ISI on)
        assertEquals((2.0 / 26 + 2.0 / 30) / 2, SpikeStats.adaptationIndex(spikes), 1e-12);
    }

    @Test
    void spikeTimesAreFoundOncePerSpike() {
        double dt = 0.1;
        double[] v = new double[1000];
        for (int k = 0; k < v.length; k++) {
            double t = k * dt;
            v[k] = -65 + 100 * Math.exp(-Math.pow((t - 20) / 0.5, 2)) + 100 * Math.exp(-Math.pow((t - 60) / 0.5, 2));
        }
        double[] s = SpikeStats.spikeTimes(v, dt);
        assertEquals(2, s.length);
        assertEquals(20, s[0], 1.0);
        assertEquals(60, s[1], 1.0);
    }
}
