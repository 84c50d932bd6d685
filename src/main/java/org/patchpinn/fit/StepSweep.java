package org.patchpinn.fit;

import java.util.ArrayList;
import java.util.List;
import org.patchpinn.features.SpikeTimes;
import org.patchpinn.features.StimulusWindow;
import org.patchpinn.features.StimulusWindows;

/**
 * A sweep seen as a current step: its main step window (the longest stretch away from holding), the step's
 * amplitude above holding (pA) and the data's spikes inside the window. Sweep roles, the staged fit and the
 * F–I report all read sweeps this way.
 */
public record StepSweep(FitSweep sweep, StimulusWindow window, double amplitudePa, int windowSpikes) {

    /** The step of a sweep, or null when its command never leaves the holding level. */
    public static StepSweep of(FitSweep sw) {
        double[] cmd = sw.iPa();
        StimulusWindow w = StimulusWindows.fromCommand(cmd, sw.dtMs());
        if (w == null) {
            return null;
        }
        double amp = StimulusWindows.amplitude(cmd, sw.dtMs(), w);
        return new StepSweep(sw, w, amp, SpikeTimes.countIn(sw.spikeTimesMs(), w.startMs(), w.endMs()));
    }

    /** The step sweeps among {@code sweeps} (those whose command leaves holding), in order. */
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
}
