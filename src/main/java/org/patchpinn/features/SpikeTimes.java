package org.patchpinn.features;

import java.util.List;

/**
 * Spike times of a voltage trace, data or model, wherever a fit, a score or a report needs a spike train. The spikes
 * are {@link SpikeDetector}'s with its default settings, the detector behind the summary statistics (features.csv),
 * so a fit's F–I counts are the features' counts; each one's time is its upstroke's crossing of
 * {@value #THRESHOLD_MV} mV, linearly interpolated (sub-sample, so a loss on spike times moves smoothly with the
 * parameters), or of half its height where it rises from above that level or peaks below it. Until session 31 the
 * spikes were the crossings themselves, re-armed only 10 mV below: that missed every spike whose trough stays above
 * −30 mV, as late in a real cell's strong steps (23 spikes counted on a step where the cell fired 51).
 */
public final class SpikeTimes {
    /** The level (mV) whose upstroke crossing times a spike; also what an edge transient crosses. */
    public static final double THRESHOLD_MV = -20;
    /**
     * Spikes are found on the trace seen at no more than 20 kHz (the fits' working grid), as IPFX filters at 10 kHz
     * before its dV/dt test: at 200 kHz, 0.5 mV of sample-to-sample noise is a dV/dt of ~140 mV/ms against the 20
     * mV/ms threshold, upstrokes merge, and a synthetic cell's 42 spikes were counted as 28 (features.csv, which
     * resamples to 0.1 ms, counted 42).
     */
    static final double DETECTION_STEP_MS = 0.05;
    private static final SpikeDetector DETECTOR = new SpikeDetector(SpikeDetectionSettings.defaults());

    private SpikeTimes() {
    }

    /** Spike times (ms from the first sample) of {@link SpikeDetector}'s spikes (see the class comment). */
    public static double[] detect(double[] vMv, double dtMs) {
        if (dtMs < DETECTION_STEP_MS * (1 - 1e-6) && vMv.length >= 3) {
            return detectAsSampled(TraceMath.resample(vMv, dtMs, DETECTION_STEP_MS), DETECTION_STEP_MS);
        }
        return detectAsSampled(vMv, dtMs);
    }

    private static double[] detectAsSampled(double[] vMv, double dtMs) {
        List<Spike> spikes = DETECTOR.detect(vMv, dtMs);
        double[] out = new double[spikes.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = upstrokeTime(vMv, dtMs, spikes.get(k));
        }
        return out;
    }

    /** The interpolated time at which the spike's upstroke crosses its timing level (see the class comment). */
    private static double upstrokeTime(double[] v, double dt, Spike s) {
        int peak = (int) Math.round(s.peakTimeMs() / dt);
        int onset = Math.max(0, (int) Math.round(s.thresholdTimeMs() / dt));
        double level = s.thresholdMv() < THRESHOLD_MV && s.peakMv() > THRESHOLD_MV ? THRESHOLD_MV
                : 0.5 * (s.thresholdMv() + s.peakMv());
        for (int i = peak; i > onset; i--) {
            if (v[i - 1] < level && v[i] >= level) {
                return (i - 1 + (level - v[i - 1]) / (v[i] - v[i - 1])) * dt;
            }
        }
        return s.peakTimeMs();
    }

    /** Spikes at times in [fromMs, toMs). */
    public static int countIn(double[] timesMs, double fromMs, double toMs) {
        int n = 0;
        for (double t : timesMs) {
            if (t >= fromMs && t < toMs) {
                n++;
            }
        }
        return n;
    }

    /** Spikes whose time falls on a sample (every {@code dtMs}) where {@code where} holds. */
    public static int countWhere(double[] timesMs, boolean[] where, double dtMs) {
        int n = 0;
        for (double t : timesMs) {
            int i = (int) Math.round(t / dtMs);
            n += i >= 0 && i < where.length && where[i] ? 1 : 0;
        }
        return n;
    }
}
