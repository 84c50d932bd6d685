package org.patchpinn.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.patchpinn.features.CoincidenceFactor;
import org.patchpinn.fit.FitSweep;
import org.patchpinn.fit.SweepValidation;
import org.patchpinn.sim.SimulationResult;
import org.patchpinn.symbolic.FoundLaw;
import org.patchpinn.symbolic.LawValidation;

/** result.json of Law Into Model: the new current, its check simulation and, when asked, its validation. */
public final class LawModelResultJson {

    /** The check simulation: a step of stepPa from startMs for durationMs, and the spikes it gave. */
    public record Check(double stepPa, double startMs, double durationMs, SimulationResult sim, int spikes) { }

    private LawModelResultJson() {
    }

    public static JsonObject of(String baseModel, String model, String current, double gNs, double eMv,
                                FoundLaw zInf, FoundLaw tau, Check check, Map<String, String> params) {
        JsonObject json = new JsonObject();
        json.addProperty("base_model", baseModel);
        json.addProperty("model", model);
        json.addProperty("model_file", model + ".model");
        json.addProperty("current", current);
        json.add("g_ns", Json.number(gNs));
        json.add("e_mv", Json.number(eMv));
        json.addProperty("z_inf", zInf.voltageExpression());
        json.addProperty("tau_ms", tau.voltageExpression());
        JsonObject c = new JsonObject();
        c.add("step_pa", Json.number(check.stepPa()));
        c.add("step_start_ms", Json.number(check.startMs()));
        c.add("step_duration_ms", Json.number(check.durationMs()));
        c.addProperty("finite", check.sim().isFinite());
        c.addProperty("spikes", check.spikes());
        c.add("v_min_mv", Json.number(Arrays.stream(check.sim().v()).min().orElse(Double.NaN)));
        c.add("v_max_mv", Json.number(Arrays.stream(check.sim().v()).max().orElse(Double.NaN)));
        json.add("simulation", c);
        json.add("params", Json.toTree(params));
        return json;
    }

    /** Adds "validation": the law model (and the network's, when given) on held-out sweeps, and their deviation. */
    public static void addValidation(JsonObject json, List<FitSweep> held, LawValidation.Score law,
                                     LawValidation.Score net, LawValidation.Deviation dev) {
        JsonObject v = new JsonObject();
        JsonArray sweeps = new JsonArray();
        held.forEach(s -> sweeps.add(s.index()));
        v.add("holdout_sweeps", sweeps);
        v.addProperty("gamma_window_ms", CoincidenceFactor.DEFAULT_WINDOW_MS);
        if (law != null) {
            v.add("law", score(law));
        }
        if (net != null) {
            v.add("network", score(net));
        }
        if (dev != null) {
            JsonObject d = new JsonObject();
            d.add("v_from_mV", Json.number(dev.fromMv()));
            d.add("v_to_mV", Json.number(dev.toMv()));
            d.add("z_inf_max_abs_diff", Json.number(dev.zInfMaxAbs()));
            d.add("z_inf_worst_at_mV", Json.number(dev.zInfWorstMv()));
            d.add("tau_max_abs_diff_ms", Json.number(dev.tauMaxAbsMs()));
            d.add("tau_max_rel_diff", Json.number(dev.tauMaxRel()));
            d.add("tau_worst_at_mV", Json.number(dev.tauWorstMv()));
            v.add("law_vs_network", d);
        }
        json.add("validation", v);
    }

    private static JsonObject score(LawValidation.Score s) {
        JsonObject o = new JsonObject();
        o.add("gamma", Json.number(s.gamma()));
        o.add("rmse_mV", Json.number(s.rmseMv()));
        JsonArray a = new JsonArray();
        for (SweepValidation sv : s.sweeps()) {
            JsonObject e = new JsonObject();
            e.addProperty("sweep", sv.sweep().index());
            e.add("gamma", Json.number(sv.gamma()));
            e.add("rmse_mV", Json.number(sv.rmseMv()));
            e.addProperty("spikes_data", sv.dataSpikes());
            e.addProperty("spikes_model", sv.modelSpikes());
            a.add(e);
        }
        o.add("sweeps", a);
        return o;
    }
}
