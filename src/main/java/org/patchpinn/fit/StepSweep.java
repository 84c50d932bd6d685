package org.patchpinn.fit;

import java.util.ArrayList;
import java.util.List;
import org.patchpinn.features.SpikeTimes;
import org.patchpinn.features.StimulusWindow;
import org.patchpinn.features.StimulusWindows;
import org.patchpinn.numeric.Median;

/**
 * A sweep seen as a current step: its step window (the protocol's, {@link FitSweep#protocolWindow}; for a sweep
 * seen alone its longest stretch away from holding), the step's
 * amplitude above holding (pA) and the data's spikes inside the window. Sweep roles, the staged fit and the
 * F–I report all read sweeps this way. A window whose command changes within it (a ramp, a sine, a recorded
 * waveform) is no step: a ramp's mean is not the current that the spikes answer, so it gets no F–I point and the
 * staged fit refuses it (17o05027_ic_ramp's 0→10 pA ramp was read as a 5.1 pA step and fitted without a word).
 */
public record StepSweep(FitSweep sweep, StimulusWindow window, double amplitudePa, int windowSpikes) {

    /** Samples this close before a step's edge are not its baseline (ms). */
    static final double EDGE_MARGIN_MS = 1;

    /**
     * The step of a sweep, or null when its command never leaves the holding level or is not flat within its
     * window ({@link StimulusWindows#flat}).
     */
    public static StepSweep of(FitSweep sw) {
        double[] cmd = sw.iPa();
        StimulusWindow w = StimulusWindows.inSweep(cmd, sw.dtMs(), sw.protocolWindow());
        if (w == null) {
            return null;
        }
        double amp = StimulusWindows.amplitude(cmd, sw.dtMs(), w);
        if (!StimulusWindows.flat(cmd, sw.dtMs(), w, amp)) {
            return null;
        }
        return new StepSweep(sw, w, amp, SpikeTimes.countIn(sw.spikeTimesMs(), w.startMs(), w.endMs()));
    }

    /** The step sweeps among {@code sweeps} (those whose command leaves holding in a flat step), in order. */
    public static List<StepSweep> of(List<FitSweep> sweeps) {
        List<StepSweep> out = new ArrayList<>();
        for (FitSweep s : sweeps) {
            StepSweep st = of(s);
            if (st != null) {
                out.add(st);
            }
        }
        return out;
    }

    public int index() {
        return sweep.index();
    }

    public boolean spiking() {
        return windowSpikes > 0;
    }

    /**
     * The data's steady response to the step (mV): median V over the window's second half minus the median V
     * before the window (the last {@link #EDGE_MARGIN_MS} before the edge left out); NaN without a baseline.
     */
    public double steadyResponseMv() {
        double[] v = sweep.vMv();
        double dt = sweep.dtMs();
        int before = (int) Math.floor((window.startMs() - EDGE_MARGIN_MS) / dt);
        return before < 1 ? Double.NaN : StimulusWindows.secondHalfMedianMv(v, dt, window) - Median.of(v, 0, before);
    }
}
