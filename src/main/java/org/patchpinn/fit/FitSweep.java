package org.patchpinn.fit;

import org.patchpinn.features.SpikeTimes;
import org.patchpinn.sim.Stimulus;

/**
 * One recorded sweep as a fit sees it: V (mV) sampled every dtMs, the injected current, and the data's
 * spike times (computed once).
 *
 * @param index  sweep number in the recording (0-based)
 * @param vMv    recorded membrane voltage
 * @param stim   the sweep's command waveform (pA)
 * @param dtMs   sampling interval
 */
public record FitSweep(int index, double[] vMv, Stimulus stim, double dtMs, double[] spikeTimesMs) {
    public FitSweep(int index, double[] vMv, Stimulus stim, double dtMs) {
        this(index, vMv, stim, dtMs, SpikeTimes.detect(vMv, dtMs));
    }

    public int length() {
        return vMv.length;
    }

    public double durationMs() {
        return vMv.length * dtMs;
    }
}
