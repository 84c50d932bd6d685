package org.patchpinn.fit;

import org.patchpinn.features.SpikeTimes;
import org.patchpinn.sim.Stimulus;
import org.patchpinn.trace.CurrentClampSweep;

/**
 * One recorded sweep as a fit sees it: the sweep (V in mV, injected current in pA), that current as the
 * simulator's stimulus, and the data's spike times (computed once).
 *
 * @param data         the sweep in working units
 * @param stim         its injected current as a stimulus (may last longer than the sweep)
 * @param spikeTimesMs the spikes of its voltage
 */
public record FitSweep(CurrentClampSweep data, Stimulus stim, double[] spikeTimesMs) {
    public FitSweep(CurrentClampSweep data, Stimulus stim) {
        this(data, stim, SpikeTimes.detect(data.vMv(), data.dtMs()));
    }

    public int index() { return data.index(); }

    public double[] vMv() { return data.vMv(); }

    /** The injected current sampled with the voltage (pA). */
    public double[] iPa() { return data.iPa(); }

    public double dtMs() { return data.dtMs(); }

    public int length() { return data.length(); }

    public double durationMs() { return data.durationMs(); }
}
