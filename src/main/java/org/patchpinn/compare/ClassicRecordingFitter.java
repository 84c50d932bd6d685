package org.patchpinn.compare;

import com.google.gson.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.patchpinn.fit.FitData;
import org.patchpinn.fit.FitMethods;
import org.patchpinn.fit.FitProblem;
import org.patchpinn.fit.FitSettings;
import org.patchpinn.fit.ParameterEstimate;
import org.patchpinn.model.ModelSpec;
import org.patchpinn.task.Progress;
import org.patchpinn.trace.Recording;

/**
 * The whole shared structure (traub-rs-m: Na, Kd, M-current, leak) fitted to every sweep of a recording by
 * the project's classic method (org.patchpinn.fit: CMA-ES, then Levenberg–Marquardt on the traces), so
 * spike-generating conductances can be compared across conditions too. Its gL and EL are the recording's
 * total linear conductance, like the subthreshold fit's g_lin and E_lin.
 */
public final class ClassicRecordingFitter implements RecordingFitter {
    public static final String NAME = "classic";
    public static final List<String> FREE = List.of("gNa", "gK", "gL", "EL", "gM");

    private final FitSettings settings;

    public ClassicRecordingFitter(FitSettings settings) {
        this.settings = settings;
    }

    @Override public String name() { return NAME; }

    @Override public String fingerprint() {
        return "classic/1 " + ConditionModel.BASE_MODEL + " free=" + FREE + " " + settings;
    }

    @Override public FitOutcome fit(Recording recording, Progress progress) {
        ModelSpec model = ConditionModel.baseStructure().withFree(FREE);
        List<Integer> all = IntStream.range(0, recording.sweepCount()).boxed().toList();
        FitProblem problem = new FitProblem(model, FitData.sweeps(recording, all), List.of(), settings);
        org.patchpinn.fit.FitOutcome o = FitMethods.get(NAME).fit(problem, progress);
        Map<String, Estimate> p = new LinkedHashMap<>();
        for (ParameterEstimate e : o.estimates()) {
            if (!e.fixed()) {
                p.put(e.name(), new Estimate(e.value(), Double.NaN, e.ci95Low(), e.ci95High(), e.unit()));
            }
        }
        JsonObject details = o.diagnostics() == null ? new JsonObject() : o.diagnostics();
        return new FitOutcome(p, details);
    }
}
