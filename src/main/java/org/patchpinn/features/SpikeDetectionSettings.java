package org.patchpinn.features;

/**
 * How spikes are found.
 *
 * @param dvdtThresholdVPerS dV/dt (V/s = mV/ms) a spike's upstroke must exceed; also the level whose last
 *                           crossing before the peak marks the threshold (eFEL's DerivativeThreshold)
 * @param minPeakMv          smallest peak voltage (mV) that counts as a spike
 * @param thresholdFraction  fallback threshold criterion, as a fraction of the upstroke's maximum dV/dt
 *                           (AllenSDK's thresh_frac), used when dV/dt never drops below the absolute level
 *                           between two spikes (fast bursts, spikes riding on fast EPSPs)
 */
public record SpikeDetectionSettings(double dvdtThresholdVPerS, double minPeakMv, double thresholdFraction) {
    public SpikeDetectionSettings {
        if (!(dvdtThresholdVPerS > 0) || !Double.isFinite(dvdtThresholdVPerS)) {
            throw new IllegalArgumentException("dV/dt threshold must be positive, got " + dvdtThresholdVPerS);
        }
        if (!Double.isFinite(minPeakMv)) {
            throw new IllegalArgumentException("minimum peak must be finite, got " + minPeakMv);
        }
        if (!(thresholdFraction > 0 && thresholdFraction < 1)) {
            throw new IllegalArgumentException("threshold fraction must be in (0, 1), got " + thresholdFraction);
        }
    }

    /** AllenSDK / IPFX defaults: 20 V/s, -30 mV, 0.05. */
    public static SpikeDetectionSettings defaults() {
        return new SpikeDetectionSettings(20.0, -30.0, 0.05);
    }

    /**
     * eFEL's defaults (DerivativeThreshold 10 mV/ms, Threshold -20 mV), for comparing numbers with eFEL. eFEL
     * finds peaks where V crosses -20 mV; with these settings our peaks must also reach -20 mV.
     */
    public static SpikeDetectionSettings efel() {
        return new SpikeDetectionSettings(10.0, -20.0, 0.05);
    }

    public SpikeDetectionSettings withDvdtThreshold(double vPerS) {
        return new SpikeDetectionSettings(vPerS, minPeakMv, thresholdFraction);
    }

    public SpikeDetectionSettings withMinPeak(double mv) {
        return new SpikeDetectionSettings(dvdtThresholdVPerS, mv, thresholdFraction);
    }
}
