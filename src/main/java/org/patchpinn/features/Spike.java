package org.patchpinn.features;

/**
 * One detected action potential. The index refers to the sampled trace the detector was given (for
 * {@link SweepFeatureExtractor}, the trace after resampling); times are in ms from the start of the sweep and
 * do not depend on the grid.
 *
 * @param troughIndex     first local minimum of V after the peak, before the next peak (eFEL's min_AHP);
 *                        -1 when the trace ends before the spike repolarises
 * @param thresholdTimeMs time of the onset: last crossing of the dV/dt threshold before the peak (eFEL's
 *                        AP_begin) (ms)
 * @param peakTimeMs      time of the maximum of V (ms)
 * @param troughTimeMs    time of the trough (ms), NaN without trough
 * @param thresholdMv     V at onset (mV): eFEL's AP_begin_voltage
 * @param peakMv          V at the peak (mV)
 * @param ahpMv           V at the trough (mV): eFEL's min_AHP_values; NaN without trough
 * @param halfWidthMs     width (ms) at half height between peak and trough (eFEL's spike_half_width), NaN
 *                        without trough
 * @param amplitudeMv     peak minus onset voltage (mV): eFEL's AP_amplitude
 * @param maxUpstrokeVPerS largest dV/dt between onset and peak (V/s)
 */
public record Spike(int troughIndex,
                    double thresholdTimeMs, double peakTimeMs, double troughTimeMs,
                    double thresholdMv, double peakMv, double ahpMv,
                    double halfWidthMs, double amplitudeMv, double maxUpstrokeVPerS) {

    /** Whether the spike repolarised (a trough was found) before the trace ended. */
    public boolean hasTrough() {
        return troughIndex >= 0;
    }
}
