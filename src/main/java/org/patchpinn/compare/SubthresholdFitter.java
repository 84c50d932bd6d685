package org.patchpinn.compare;

import com.google.gson.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.patchpinn.PatchPinnException;
import org.patchpinn.task.Progress;
import org.patchpinn.trace.CurrentClampSweep;
import org.patchpinn.trace.Recording;

/**
 * The comparison's own fitter: between spikes, a linear membrane (C, total linear conductance g_lin and its
 * reversal E_lin) plus the slow current of the comparison's structure (traub-rs-m: the M-current; none for a
 * structure without a slow gate), by the integral-form regression of {@link SubthresholdSystem}. Fast (one pass over the samples) and exact for what the
 * cross-condition decomposition needs; spike-generating conductances are left to the classic fitter.
 */
public final class SubthresholdFitter implements RecordingFitter {
    public static final String NAME = "subthreshold";
    private final SubthresholdSettings settings;

    public SubthresholdFitter(SubthresholdSettings settings) {
        this.settings = settings;
    }

    @Override public String name() { return NAME; }

    @Override public String fingerprint() { return settings.fingerprint(); }

    @Override public FitOutcome fit(Recording recording, Progress progress) {
        progress.checkCancelled();
        SubthresholdSystem system = SubthresholdSystem.build(
                CurrentClampSweep.all(recording, CurrentClampSweep.Current.RECORDED), settings);
        LinearMembrane m;
        try {
            m = LinearMembraneSolver.solve(system);
        } catch (PatchPinnException e) {
            throw new PatchPinnException(recording.name() + ": " + e.getMessage() + " (windows of "
                    + settings.windowMs() + " ms below " + settings.thresholdMv() + " mV, " + settings.marginMs()
                    + " ms from any crossing)", e);
        }
        JsonObject details = new JsonObject();
        details.add("system", system.toJson());
        return new FitOutcome(parameters(m, settings.structure()), details);
    }

    /**
     * The named parameters of a linear membrane, as every table and statistic lists them: the slow current's
     * conductance under the structure's name for it (traub-rs-m: gM), and none without a slow gate.
     */
    public static Map<String, Estimate> parameters(LinearMembrane m, SubthresholdStructure structure) {
        Map<String, Estimate> p = new LinkedHashMap<>();
        p.put("C", Estimate.normal(m.cPf(), m.seC(), "pF"));
        p.put("g_lin", Estimate.normal(m.gNs(), m.seG(), "nS"));
        p.put("E_lin", Estimate.normal(m.eMv(), m.seE(), "mV"));
        structure.slowGate().ifPresent(g -> p.put(g.conductance(), Estimate.normal(m.gMNs(), m.seGM(), "nS")));
        return p;
    }

    public static SubthresholdSystem system(FitOutcome outcome) {
        return SubthresholdSystem.fromJson(outcome.details().getAsJsonObject("system"));
    }
}
