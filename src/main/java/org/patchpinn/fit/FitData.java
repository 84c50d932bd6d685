package org.patchpinn.fit;

import java.util.ArrayList;
import java.util.List;
import org.patchpinn.features.RecordingArtefacts;
import org.patchpinn.sim.Stimuli;
import org.patchpinn.sim.Stimulus;
import org.patchpinn.trace.ClampMode;
import org.patchpinn.trace.Recording;
import org.patchpinn.trace.Units;

/** Turns chosen sweeps of a current-clamp recording into {@link FitSweep}s, with clear errors otherwise. */
public final class FitData {
    private FitData() {
    }

    public static List<FitSweep> sweeps(Recording r, List<Integer> indices) {
        return sweeps(r, indices, 0);
    }

    /**
     * The sweeps with a liquid-junction potential removed: the membrane potential is the recorded one minus the
     * junction potential (mV; e.g. +12 with K-gluconate pipettes).
     */
    public static List<FitSweep> sweeps(Recording r, List<Integer> indices, double ljpMv) {
        return sweeps(r, indices, ljpMv, 0);
    }

    /**
     * The sweeps as the membrane saw them: the bridge-balance error removed (V − Rs·I, Rs in MΩ as measured by
     * {@code features.ArtefactDetector}; 0 for none) and the liquid-junction potential subtracted.
     */
    public static List<FitSweep> sweeps(Recording r, List<Integer> indices, double ljpMv, double bridgeMohm) {
        if (r.clampMode() == ClampMode.VOLTAGE_CLAMP) {
            throw new FitException(r.name() + ": a voltage-clamp recording; fitting needs current clamp (V recorded, "
                    + "current injected)");
        }
        int ch = r.firstVoltageChannel();
        if (ch < 0) {
            throw new FitException(r.name() + ": no voltage channel to fit");
        }
        if (!r.hasCommand()) {
            throw new FitException(r.name() + ": the sweeps have no command waveform, so the injected current is "
                    + "unknown");
        }
        double scale = Units.toMillivolts(r.channel(ch).unit());
        List<FitSweep> out = new ArrayList<>();
        for (int k : indices) {
            if (k < 0 || k >= r.sweepCount()) {
                throw new FitException(r.name() + ": no sweep " + k + " (the recording has " + r.sweepCount()
                        + " sweeps, numbered from 0)");
            }
            double[] v = r.sweep(k).channel(ch).toDoubleArray();
            Stimulus stim = Stimuli.fromSweep(r, k);
            double[] cmd = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                v[i] *= scale;
                cmd[i] = stim.currentPa(i * r.dtMs());
            }
            RecordingArtefacts bridge = new RecordingArtefacts(List.of(), bridgeMohm, List.of());
            out.add(new FitSweep(k, bridge.correctedVoltage(v, cmd, ljpMv), stim, r.dtMs()));
        }
        return out;
    }
}
