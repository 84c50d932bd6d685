package org.patchpinn.fit;

import static org.patchpinn.trace.CurrentClampSweep.Current.COMMAND;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.patchpinn.features.EdgeTransients;
import org.patchpinn.features.RecordingArtefacts;
import org.patchpinn.features.StimulusWindow;
import org.patchpinn.features.StimulusWindows;
import org.patchpinn.sim.Stimuli;
import org.patchpinn.trace.CurrentClampSweep;
import org.patchpinn.trace.Recording;

/**
 * Turns chosen sweeps of a current-clamp recording into {@link FitSweep}s: read by {@link CurrentClampSweep#of}
 * (units, clear errors), the injected current being the command.
 */
public final class FitData {
    /**
     * Largest liquid-junction potential (or other voltage offset) a fit subtracts (mV, either sign): junction
     * potentials of the usual pipette solutions stay within ±20 mV; more is a recording whose voltage is wrong.
     */
    public static final double MAX_LJP_MV = 50;

    private FitData() {
    }

    public static List<FitSweep> sweeps(Recording r, List<Integer> indices) {
        return sweeps(r, indices, 0, 0);
    }

    /**
     * Every sweep as the membrane saw it: the bridge-balance error removed (V − Rs·I, Rs in MΩ as measured by
     * {@code features.ArtefactDetector}; 0 for none) and the liquid-junction potential subtracted (mV; e.g. +12
     * with K-gluconate pipettes; 0 for none); an electrode's transient across the spike threshold at a command
     * edge is bridged over ({@link EdgeTransients}), so it is neither a spike nor a voltage to fit.
     */
    public static List<FitSweep> all(Recording r, double ljpMv, double bridgeMohm) {
        if (r.sweepCount() == 0) {
            // an empty file (e.g. a WinWCP header without records) would otherwise fail later as "no sweep left to
            // train on", without the file's name
            throw new FitException(r.name() + " has no sweeps: nothing to fit");
        }
        return sweeps(r, IntStream.range(0, r.sweepCount()).boxed().toList(), ljpMv, bridgeMohm);
    }

    private static List<FitSweep> sweeps(Recording r, List<Integer> indices, double ljpMv, double bridgeMohm) {
        RecordingArtefacts bridge = new RecordingArtefacts(List.of(), bridgeMohm, List.of());
        // every sweep is read once: the protocol's step window comes from all of them, not only those fitted
        List<CurrentClampSweep> all = CurrentClampSweep.all(r, COMMAND);
        StimulusWindow protocol = StimulusWindows.stepWindow(all.stream().map(CurrentClampSweep::iPa).toList(),
                all.isEmpty() ? 0 : all.get(0).dtMs());
        List<FitSweep> out = new ArrayList<>();
        for (int k : indices) {
            // a sweep the recording lacks gets CurrentClampSweep's error, which names the file
            CurrentClampSweep s = k >= 0 && k < all.size() ? all.get(k) : CurrentClampSweep.of(r, k, COMMAND);
            double[] v = bridge.correctedVoltage(s.vMv(), s.iPa(), ljpMv);
            v = EdgeTransients.removed(v, s.iPa(), s.dtMs());
            out.add(new FitSweep(new CurrentClampSweep(k, v, s.iPa(), s.dtMs()),
                    Stimuli.sampled(s.iPa(), s.dtMs(), r.name() + " sweep " + k + " command"), protocol));
        }
        return out;
    }
}
