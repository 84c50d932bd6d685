package org.patchpinn.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Spike detection on simulated traces whose spike times are known. */
class SpikeDetectorTest {
    private static final double DT = 0.05; // 20 kHz
    private final SpikeDetector allen = new SpikeDetector(SpikeDetectionSettings.defaults());

    @Test
    void findsKnownSpikeTimesInNoise() {
        double[] peaks = {105.3, 160.0, 201.25, 260.7, 300.05, 420.5};
        SyntheticTrace tr = new SyntheticTrace(500, DT, -70);
        for (double p : peaks) {
            tr.spike(p);
        }
        tr.noise(0.1, 1);
        List<Spike> spikes = allen.detect(tr.v, DT);
        assertEquals(peaks.length, spikes.size());
        for (int i = 0; i < peaks.length; i++) {
            Spike s = spikes.get(i);
            assertEquals(peaks[i], s.peakTimeMs(), 0.1, "peak " + i);
            assertTrue(s.thresholdTimeMs() < s.peakTimeMs() && s.thresholdTimeMs() > s.peakTimeMs() - 1.5);
            assertTrue(s.troughTimeMs() > s.peakTimeMs());
            assertEquals(s.peakMv() - s.thresholdMv(), s.amplitudeMv(), 1e-12);
            assertTrue(s.maxUpstrokeVPerS() > 100, "upstroke " + s.maxUpstrokeVPerS());
        }
    }

    @Test
    void noSpikesInPureNoise() {
        SyntheticTrace tr = new SyntheticTrace(1000, DT, -65).noise(0.5, 2);
        assertEquals(0, allen.detect(tr.v, DT).size());
    }

    @Test
    void halfWidthMatchesTheAnalyticShape() {
        // Noise-free spike: the half width at (peak + trough)/2 can be found by bisection on the formula.
        SyntheticTrace tr = new SyntheticTrace(60, DT, -70).spike(20);
        Spike s = allen.detect(tr.v, DT).get(0);
        double peak = -70 + 100;
        double trough = s.ahpMv();
        double half = (peak + trough) / 2;
        double rise = bisect(-3, 0, half);
        double fall = bisect(0, 3, half);
        assertEquals(fall - rise, s.halfWidthMs(), 0.01);
    }

    @Test
    void aTransientAtACommandEdgeHasNoHalfWidthOfMillionsOfMs() {
        // 96711009.abf (a real CA1 recording, 10 kHz), sweep 13 at the end of its step: one sample jumps 17 mV
        // above a plateau that sits at what becomes the "spike's" half height, then V decays 18 mV. No upstroke to
        // interpolate on: once a width of 9,969,504 ms, and a chart axis drawn to minus infinity.
        double dt = 0.1;
        double[] edge = {-37.0, -37.5, -38.0, -37.0, -36.5, -37.5, -37.5, -20.5, -28.5, -34.5, -39.5, -43.0, -45.0,
            -47.0, -47.5, -49.5, -50.0, -51.0, -52.5, -53.0, -54.0, -55.0, -55.5, -55.0, -54.5, -54.5};
        double[] v = new double[600];
        for (int i = 0; i < v.length; i++) {
            v[i] = i < 200 ? edge[0] : i < 200 + edge.length ? edge[i - 200] : edge[edge.length - 1];
        }
        List<Spike> spikes = allen.detect(v, dt);
        assertEquals(1, spikes.size(), "the transient passes the detector's thresholds");
        assertEquals(-55.5, spikes.get(0).ahpMv(), 1e-9);
        assertTrue(Double.isNaN(spikes.get(0).halfWidthMs()), "half width " + spikes.get(0).halfWidthMs());
    }

    private static double bisect(double a, double b, double level) {
        double fa = -70 + SyntheticTrace.spikeShape(a, 100, 0.3, 0.5, 15, 3) - level;
        for (int k = 0; k < 100; k++) {
            double m = (a + b) / 2;
            double fm = -70 + SyntheticTrace.spikeShape(m, 100, 0.3, 0.5, 15, 3) - level;
            if (Math.signum(fm) == Math.signum(fa)) {
                a = m;
                fa = fm;
            } else {
                b = m;
            }
        }
        return (a + b) / 2;
    }

    @Test
    void traceStartingAboveThresholdIgnoresTheCutSpikeOnly() {
        SyntheticTrace tr = new SyntheticTrace(200, DT, -70).spike(10).spike(80).spike(150).noise(0.05, 3);
        // Start 0.2 ms after the first peak: V is about +10 mV and falling.
        double[] cut = tr.slice(10.2, 200);
        assertTrue(cut[0] > -20, "starts above threshold: " + cut[0]);
        List<Spike> spikes = allen.detect(cut, DT);
        assertEquals(2, spikes.size());
        assertEquals(80 - 10.2, spikes.get(0).peakTimeMs(), 0.1);
        // Starting during an upstroke: that spike's onset is unobserved, so it is not counted either.
        double[] rising = tr.slice(79.6, 200);
        assertTrue(TraceMath.centralDerivative(rising, DT)[0] > 20);
        assertEquals(1, allen.detect(rising, DT).size());
    }

    @Test
    void traceEndingAboveThreshold() {
        SyntheticTrace tr = new SyntheticTrace(200, DT, -70).spike(50).spike(120).noise(0.05, 4);
        // Ends during the upstroke of the second spike: its peak is not in the trace, it is not counted.
        List<Spike> rising = allen.detect(tr.slice(0, 119.9), DT);
        assertEquals(1, rising.size());
        // Ends 0.3 ms after the second peak (V still near +10 mV): counted, but without trough or half width
        // (eFEL drops such a spike because V never crosses its threshold downwards).
        double[] cut = tr.slice(0, 120.3);
        assertTrue(cut[cut.length - 1] > -20);
        List<Spike> falling = allen.detect(cut, DT);
        assertEquals(2, falling.size());
        assertFalse(falling.get(1).hasTrough());
        assertTrue(Double.isNaN(falling.get(1).halfWidthMs()));
        assertTrue(falling.get(0).hasTrough());
    }

    @Test
    void smallFastSpikesOfAFastSpikingCell() {
        // 100 Hz train of narrow spikes peaking near -25 mV: eFEL's -20 mV threshold misses all of them,
        // the AllenSDK minimum peak of -30 mV keeps them.
        SyntheticTrace tr = new SyntheticTrace(400, DT, -58);
        int n = 0;
        for (double t = 100; t < 300; t += 10) {
            tr.spike(t, 33, 0.12, 0.2, 8, 1.5);
            n++;
        }
        tr.noise(0.1, 5);
        List<Spike> spikes = allen.detect(tr.v, DT);
        assertEquals(n, spikes.size());
        for (Spike s : spikes) {
            assertTrue(s.peakMv() < -20 && s.peakMv() > -30, "peak " + s.peakMv());
            assertTrue(s.halfWidthMs() > 0.1 && s.halfWidthMs() < 0.5, "half width " + s.halfWidthMs());
        }
        assertEquals(0, new SpikeDetector(SpikeDetectionSettings.efel()).detect(tr.v, DT).size());
        // Also found after eFEL's re-sampling to 0.1 ms.
        SweepFeatures f = new SweepFeatureExtractor(SpikeDetectionSettings.defaults())
                .extract(tr.v, DT, new StimulusWindow(95, 305));
        assertEquals(n, (int) f.get("Spikecount"));
    }

    @Test
    void epspBeforeSpikeDoesNotCaptureTheThreshold() {
        // A fast EPSP (max dV/dt 27 V/s, above the 20 V/s threshold) from -70 mV at 100 ms; a spike rides on
        // its crest 3 ms later. A forward search would put the threshold at the EPSP's onset.
        SyntheticTrace tr = new SyntheticTrace(200, DT, -70).epsp(100, 20, 2).spike(103.8).noise(0.02, 6);
        double[] dvdt = TraceMath.centralDerivative(tr.v, DT);
        assertTrue(dvdt[(int) Math.round(100.1 / DT)] > 20, "EPSP rises faster than the threshold");
        List<Spike> spikes = allen.detect(tr.v, DT);
        assertEquals(1, spikes.size());
        Spike s = spikes.get(0);
        assertTrue(s.thresholdTimeMs() > 102.5, "threshold at " + s.thresholdTimeMs() + " ms");
        assertTrue(s.thresholdMv() > -55, "threshold " + s.thresholdMv() + " mV, not the EPSP's start");
        // EPSPs alone are not spikes.
        SyntheticTrace only = new SyntheticTrace(200, DT, -70).epsp(100, 20, 2).epsp(150, 25, 2);
        assertEquals(0, allen.detect(only.v, DT).size());
    }

    @Test
    void noisyUpstrokeCrossingTwiceIsOneSpike() {
        // A slow upstroke with a notch: dV/dt crosses the threshold, dips under it, crosses again.
        SyntheticTrace tr = new SyntheticTrace(100, DT, -70).spike(50, 100, 1.2, 0.6, 10, 3);
        int notch = (int) Math.round(48.8 / DT);
        for (int i = notch; i < notch + 6; i++) {
            tr.v[i] -= 0.3 * (i - notch);
        }
        for (int i = notch + 6; i < notch + 10; i++) {
            tr.v[i] -= 1.8 - 0.45 * (i - notch - 6);
        }
        assertEquals(1, allen.detect(tr.v, DT).size());
    }

    @Test
    void depolarisationBlockAfterASpikeIsOneSpike() {
        // After one spike V stays near -25 mV with slow ripple: nothing more is counted.
        SyntheticTrace tr = new SyntheticTrace(300, DT, -70).spike(50);
        for (int i = (int) (50.5 / DT); i < tr.v.length; i++) {
            tr.v[i] = Math.max(tr.v[i], -25 + Math.sin(i * DT));
        }
        List<Spike> spikes = allen.detect(tr.v, DT);
        assertEquals(1, spikes.size());
        assertEquals(50, spikes.get(0).peakTimeMs(), 0.1);
    }
}
