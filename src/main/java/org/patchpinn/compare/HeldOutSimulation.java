package org.patchpinn.compare;

import java.util.ArrayList;
import java.util.List;
import org.patchpinn.features.SpikeTimes;
import org.patchpinn.model.ModelSpec;
import org.patchpinn.sim.SimulationResult;
import org.patchpinn.sim.Simulator;
import org.patchpinn.sim.Stimuli;
import org.patchpinn.trace.CurrentClampSweep;
import org.patchpinn.trace.Recording;

/**
 * Validates the condition model on a cell it was not fitted to: the law and EX come from the other cells,
 * the cell's own leak from its g_lin/E_lin with the law fixed; the model is then simulated with each of the
 * cell's recorded stimuli at that recording's condition level, and its resting potential and spike counts
 * are compared with the recording's.
 */
public final class HeldOutSimulation {
    /** Measured and simulated values of one sweep. */
    public record Check(String recording, String cell, double condition, int sweep, double stepPa,
                        double restMeasuredMv, double restSimulatedMv, int spikesMeasured, int spikesSimulated) { }

    private HeldOutSimulation() {
    }

    public static List<Check> run(ConditionModel model, Recording recording, String cell, double condition) {
        ModelSpec spec = model.spec(condition);
        double[] params = spec.values();
        List<Check> out = new ArrayList<>();
        List<CurrentClampSweep> sweeps = CurrentClampSweep.all(recording, CurrentClampSweep.Current.RECORDED);
        for (int k = 0; k < sweeps.size(); k++) {
            CurrentClampSweep s = sweeps.get(k);
            double dt = s.dtMs();
            double duration = s.length() * dt;
            SimulationResult sim = Simulator.shared().simulate(spec, params,
                    Stimuli.sampled(s.iPa(), dt, recording.name() + " sweep " + k), duration, dt,
                    Simulator.stepFor(dt), null, false);
            int onset = onset(s.iPa());
            out.add(new Check(recording.name(), cell, condition, k, onset < s.length() ? s.iPa()[onset] : 0,
                    mean(s.vMv(), onset), mean(sim.v(), Math.min(onset, sim.v().length)),
                    SpikeTimes.detect(s.vMv(), dt).length, SpikeTimes.detect(sim.v(), dt).length));
        }
        return out;
    }

    /** First sample where the injected current leaves its initial value. */
    static int onset(double[] i) {
        for (int k = 1; k < i.length; k++) {
            if (Math.abs(i[k] - i[0]) > 1e-6) {
                return k;
            }
        }
        return i.length;
    }

    private static double mean(double[] v, int n) {
        double s = 0;
        for (int k = 0; k < n; k++) {
            s += v[k];
        }
        return n == 0 ? Double.NaN : s / n;
    }
}
