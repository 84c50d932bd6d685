package org.patchpinn.fit;

import org.patchpinn.features.SpikeTimes;
import org.patchpinn.features.StimulusWindow;
import org.patchpinn.sim.Stimulus;
import org.patchpinn.trace.CurrentClampSweep;

/**
 * One recorded sweep as a fit sees it: the sweep (V in mV, injected current in pA), that current as the
 * simulator's stimulus, and the data's spike times (computed once).
 *
 * @param data           the sweep in working units
 * @param stim           its injected current as a stimulus (may last longer than the sweep)
 * @param spikeTimesMs   the spikes of its voltage
 * @param protocolWindow the recording's step window ({@code StimulusWindows.stepWindow} over all its sweeps), so that
 *                       a sweep is read as a step of its protocol even where its own command stays at holding;
 *                       null where the sweep is seen alone
 */
public record FitSweep(CurrentClampSweep data, Stimulus stim, double[] spikeTimesMs, StimulusWindow protocolWindow) {
    /** A sweep seen alone: its step is its own longest stretch away from holding. */
    public FitSweep(CurrentClampSweep data, Stimulus stim) {
        this(data, stim, null);
    }

    public FitSweep(CurrentClampSweep data, Stimulus stim, StimulusWindow protocolWindow) {
        this(data, stim, SpikeTimes.detect(data.vMv(), data.dtMs()), protocolWindow);
    }

    public int index() { return data.index(); }

    public double[] vMv() { return data.vMv(); }

    /** The injected current sampled with the voltage (pA). */
    public double[] iPa() { return data.iPa(); }

    public double dtMs() { return data.dtMs(); }

    public int length() { return data.length(); }

    public double durationMs() { return data.durationMs(); }
}
