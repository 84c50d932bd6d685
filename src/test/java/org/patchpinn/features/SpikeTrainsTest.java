package org.patchpinn.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SpikeTrainsTest {
    @Test
    void identicalTrainsCoincideFully() {
        double[] t = {10, 30, 55, 90};
        assertEquals(1.0, CoincidenceFactor.gamma(t, t, 2, 200), 1e-12);
    }

    @Test
    void trainsShiftedBeyondTheWindowScoreNearChance() {
        double[] a = {10, 30, 55, 90};
        double[] b = {15, 35, 60, 95};
        assertTrue(CoincidenceFactor.gamma(a, b, 2, 200) <= 0);
    }

    @Test
    void adaptationIndexOfLengtheningIntervalsIsPositive() {
        double[] spikes = {0, 10, 22, 36, 52};
        // ISIs 10, 12, 14, 16: mean of (14-12)/26 and (16-14)/30 (from the second ISI on)
        assertEquals((2.0 / 26 + 2.0 / 30) / 2, SpikeTrains.adaptationIndex(spikes), 1e-12);
    }

    @Test
    void spikeTimesAreFoundOncePerSpike() {
        double dt = 0.1;
        double[] v = new double[1000];
        for (int k = 0; k < v.length; k++) {
            double t = k * dt;
            v[k] = -65 + 100 * Math.exp(-Math.pow((t - 20) / 0.5, 2)) + 100 * Math.exp(-Math.pow((t - 60) / 0.5, 2));
        }
        double[] s = SpikeTimes.detect(v, dt);
        assertEquals(2, s.length);
        assertEquals(20, s[0], 1.0);
        assertEquals(60, s[1], 1.0);
    }

    @Test
    void spikesWhoseTroughsStayAboveMinus40MvAreEachCounted() {
        // a fast train whose AHP only reaches -35 mV: 10 mV below the threshold re-arms the detector
        double dt = 0.05;
        double[] v = new double[4000];
        for (int k = 0; k < v.length; k++) {
            double phase = (k * dt + 5) % 10;
            v[k] = phase < 1 ? 20 : -35;
        }
        assertEquals(20, SpikeTimes.detect(v, dt).length);
        assertEquals(5, SpikeTimes.countIn(SpikeTimes.detect(v, dt), 50, 100));
    }

    @Test
    void vanRossumIsZeroForIdenticalTrainsAndHalfASpikeForAnExtraOne() {
        double[] a = {10, 30, 55};
        assertEquals(0, SpikeTrains.vanRossum(a, a, 20), 1e-12);
        assertEquals(0.5, SpikeTrains.vanRossum(a, new double[] {10, 30, 55, 5000}, 20), 1e-9);
    }

    @Test
    void gammaOfAModelFiringFasterThanTheWindowAllowsIsUndefinedAndRanksAsChance() {
        double[] data = {10, 20, 30};
        double[] model = new double[300]; // 300 spikes in 100 ms: 2 nu Delta > 1
        for (int i = 0; i < model.length; i++) {
            model[i] = i / 3.0;
        }
        assertTrue(Double.isNaN(CoincidenceFactor.gamma(data, model, 2, 100)));
        assertEquals(0, CoincidenceFactor.rankingGamma(data, model, 2, 100));
    }
}
