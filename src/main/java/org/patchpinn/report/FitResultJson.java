package org.patchpinn.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;
import org.patchpinn.features.CoincidenceFactor;
import org.patchpinn.features.FeatureNames;
import org.patchpinn.features.RecordingArtefacts;
import org.patchpinn.fit.CellComparison;
import org.patchpinn.fit.FiSaturation;
import org.patchpinn.fit.FitOutcome;
import org.patchpinn.fit.FitRunner;
import org.patchpinn.fit.ParameterEstimate;
import org.patchpinn.fit.PassiveEstimate;
import org.patchpinn.fit.SweepRoles;
import org.patchpinn.fit.SweepValidation;
import org.patchpinn.fit.Validation;

/**
 * result.json of Fit Model, the same for every method: sweep roles, parameters with intervals, validation per
 * sweep, the cell's data-vs-model comparison, the method's own diagnostics (opaque here: each method writes
 * its own, see {@link FitOutcome#diagnostics()}), timing and the parameters given.
 */
public final class FitResultJson {
    /** The new states a method learned (hybrid, pinn): put in its diagnostics, moved to the top level. */
    public static final String LATENT = "latent";
    /** How the number of new states was chosen: put in the diagnostics, moved to the top level as LATENT. */
    public static final String SELECTION = "selection";

    private FitResultJson() {
    }

    /** The layout up to "params"; the method's latent and selection are moved out of its diagnostics. */
    public static JsonObject of(String file, String model, String method, SweepRoles roles, double ljpMv,
                                FitOutcome outcome, List<SweepValidation> validation, CellComparison cell,
                                double wallS, double cpuS, Map<String, String> params) {
        JsonObject json = new JsonObject();
        json.addProperty("file", file);
        json.addProperty("model", model);
        json.addProperty("method", method);
        addSweepRoles(json, roles, "fit_sweeps", "holdout_sweeps");
        json.add("ljp_mV", Json.number(ljpMv));
        JsonObject p = new JsonObject();
        for (ParameterEstimate e : outcome.estimates()) {
            JsonObject q = Json.quantity(e.value(), e.unit());
            q.add("ci95", Json.interval(e.ci95Low(), e.ci95High()));
            q.addProperty("fixed", e.fixed());
            p.add(e.name(), q);
        }
        json.add("parameters", p);
        moveNewStateBlocks(outcome.diagnostics(), json);
        json.add("validation", validation(validation));
        json.add("cell", cell(cell));
        json.add("diagnostics", outcome.diagnostics());
        JsonObject timing = new JsonObject();
        timing.add("wall_s", Json.number(wallS));
        timing.add("process_cpu_s", Json.number(cpuS));
        timing.addProperty("cores", Runtime.getRuntime().availableProcessors());
        json.add("timing", timing);
        json.add("params", Json.toTree(params));
        return json;
    }

    /**
     * Adds the sweep roles: training and test sweeps under the caller's keys (a fit's result.json says
     * fit_sweeps / holdout_sweeps, compare's per-recording files training_sweeps / test_sweeps), then
     * selection_sweeps and the rule that chose them.
     */
    public static void addSweepRoles(JsonObject json, SweepRoles roles, String trainingKey, String testKey) {
        json.add(trainingKey, Json.toTree(roles.training()));
        json.add("selection_sweeps", Json.toTree(roles.selection()));
        json.add(testKey, Json.toTree(roles.test()));
        json.addProperty("sweep_roles", roles.rule());
        json.add("excluded_sweeps", Json.toTree(roles.excluded()));
    }

    /**
     * Adds {role}_gamma (mean Γ over the role's sweeps on which data or model fires), {role}_gamma_sweeps (how
     * many), {role}_silent_sweeps and {role}_silent_sweeps_model_silent (sweeps the cell did not fire on, and how
     * many the model left silent) and {role}_rmse_mV.
     */
    public static void addRoleScores(JsonObject json, List<SweepValidation> v, String role) {
        json.add(role + "_gamma", Json.number(Validation.spikingGamma(v, role)));
        json.addProperty(role + "_gamma_sweeps", Validation.spikingSweeps(v, role));
        Validation.SilentSweeps silent = Validation.silentSweeps(v, role);
        json.addProperty(role + "_silent_sweeps", silent.count());
        json.addProperty(role + "_silent_sweeps_model_silent", silent.modelSilent());
        json.add(role + "_rmse_mV", Json.number(Validation.rmse(v, role)));
    }

    /**
     * Moves a new-state method's {@link #LATENT} and {@link #SELECTION} blocks out of its diagnostics into
     * {@code json}; moved, not copied, because the tabulated functions are long. No-op for other methods.
     */
    public static void moveNewStateBlocks(JsonObject diagnostics, JsonObject json) {
        for (String key : List.of(LATENT, SELECTION)) {
            if (diagnostics != null && diagnostics.has(key)) {
                json.add(key, diagnostics.remove(key));
            }
        }
    }

    /** Adds the recording's artefacts and the series resistance subtracted before fitting (MΩ). */
    public static void addArtefacts(JsonObject json, RecordingArtefacts a, double bridgeSubtractedMohm) {
        json.add("artefacts", FeaturesReport.artefacts(a));
        json.getAsJsonObject("artefacts").add("bridge_subtracted_MOhm", Json.number(bridgeSubtractedMohm));
    }

    /** Adds every model's selection and test figures when several were fitted, and the rule that chose. */
    public static void addModelComparison(JsonObject json, List<FitRunner.Run> runs, FitRunner.Run chosen) {
        JsonArray arr = new JsonArray();
        for (FitRunner.Run m : runs) {
            JsonObject o = new JsonObject();
            o.addProperty("model", m.model().name());
            o.addProperty("chosen", m == chosen);
            o.add("selection_score", Json.number(m.selectionScore()));
            o.add("selection_gamma", Json.number(Validation.spikingGamma(m.validation(), SweepRoles.SELECTION)));
            o.add("test_gamma", Json.number(Validation.spikingGamma(m.validation(), SweepRoles.TEST)));
            o.addProperty("test_sweeps_within_spike_tolerance", m.cell().withinTolerance(SweepRoles.TEST));
            o.addProperty("test_sweeps", m.cell().count(SweepRoles.TEST));
            o.add("cell", cellError(m.cell()));
            arr.add(o);
        }
        json.add("model_comparison", arr);
        json.addProperty("model_choice", "the highest selection score: mean over selection sweeps of "
                + "(spike count within max(2, 20%) ? 1 : 0) + Γ");
    }

    private static JsonObject validation(List<SweepValidation> v) {
        JsonObject o = new JsonObject();
        o.add("holdout_gamma", Json.number(Validation.spikingGamma(v, SweepRoles.TEST)));
        o.add("holdout_rmse_mV", Json.number(Validation.rmse(v, SweepRoles.TEST)));
        o.add("fit_gamma", Json.number(Validation.spikingGamma(v, SweepRoles.TRAINING)));
        o.add("fit_rmse_mV", Json.number(Validation.rmse(v, SweepRoles.TRAINING)));
        for (String role : SweepRoles.ROLES) {
            addRoleScores(o, v, role);
            o.add(role + "_ap_amplitude_error_mV", Json.number(Validation.medianError(v, role, "AP_amplitude")));
            o.add(role + "_half_width_error_ms", Json.number(Validation.medianError(v, role, "spike_half_width")));
            o.add(role + "_ahp_depth_error_mV", Json.number(Validation.medianError(v, role, "AHP_depth")));
            // the onset's timing, which Γ over a long adapting train hides (later spikes drift)
            o.add(role + "_first_spike_latency_error_ms", Json.number(Validation.medianError(v, role,
                    FeatureNames.TIME_TO_FIRST_SPIKE)));
        }
        o.addProperty("gamma_window_ms", CoincidenceFactor.DEFAULT_WINDOW_MS);
        o.addProperty("gamma_over", "sweeps on which the data or the model fires; a sweep silent in both is "
                + "counted in *_silent_sweeps_model_silent, not averaged in at Γ = 1");
        JsonArray sweeps = new JsonArray();
        for (SweepValidation s : v) {
            JsonObject so = new JsonObject();
            so.addProperty("sweep", s.sweep().index());
            so.addProperty("role", s.role());
            so.add("rmse_mV", Json.number(s.rmseMv()));
            so.add("gamma", Json.number(s.gamma()));
            so.addProperty("spikes_data", s.dataSpikes());
            so.addProperty("spikes_model", s.modelSpikes());
            JsonObject features = new JsonObject();
            for (String name : Validation.FEATURES) {
                JsonObject pair = new JsonObject();
                pair.add("data", Json.number(s.dataFeatures().get(name)));
                pair.add("model", Json.number(s.modelFeatures().get(name)));
                pair.addProperty("unit", FeatureNames.unitOf(name));
                features.add(name, pair);
            }
            so.add("features", features);
            sweeps.add(so);
        }
        o.add("sweeps", sweeps);
        return o;
    }

    /** Data vs model: passive properties, rheobase, their errors and the F–I curve. */
    private static JsonObject cell(CellComparison c) {
        JsonObject o = new JsonObject();
        CellComparison.RestRange rest = c.dataRest();
        JsonObject data = passive(c.data(), c.dataRheobasePa());
        JsonArray range = new JsonArray();
        range.add(Json.number(rest.lowMv()));
        range.add(Json.number(rest.highMv()));
        data.add("rest_range_mV", range);
        data.addProperty("rest_sweeps", rest.sweeps());
        CellComparison.ResistanceTrend trend = c.dataResistance();
        JsonArray firstLast = new JsonArray();
        firstLast.add(Json.number(trend.firstMOhm()));
        firstLast.add(Json.number(trend.lastMOhm()));
        data.add("input_resistance_first_last_third_MOhm", firstLast);
        JsonArray firstLastSteps = new JsonArray();
        firstLastSteps.add(Json.number(trend.firstStepPa()));
        firstLastSteps.add(Json.number(trend.lastStepPa()));
        data.add("input_resistance_first_last_third_step_pA", firstLastSteps);
        o.add("data", data);
        o.add("model", passive(c.model(), c.modelRheobasePa()));
        o.add("error", cellError(c));
        if (!c.restNote().isEmpty()) {
            o.addProperty("rest_note", c.restNote());
        }
        if (!c.resistanceNote().isEmpty()) {
            o.addProperty("input_resistance_note", c.resistanceNote());
        }
        if (!c.sagNote().isEmpty()) {
            o.addProperty("sag_note", c.sagNote());
        }
        o.addProperty("fires_at_holding", c.firesAtHolding());
        if (c.firesAtHolding()) {
            o.addProperty("membrane_note", c.levelsNote());
        }
        o.addProperty("step_sweeps", c.fiCurve().size());
        o.addProperty("spike_count_within_tolerance", c.sweepsWithinCountTolerance());
        o.addProperty("spike_count_tolerance", "max(2, 20% of the data's count) in the step window");
        JsonArray alone = new JsonArray();
        c.sweepsFiringAtHoldingAlone().forEach(alone::add);
        o.add("model_fires_at_holding_alone", alone);
        FiSaturation saturation = c.fiSaturation();
        if (saturation != null) {
            JsonObject sat = new JsonObject();
            JsonArray sweeps = new JsonArray();
            saturation.sweeps().forEach(sweeps::add);
            sat.add("sweeps", sweeps);
            sat.add("from_pA", Json.number(saturation.fromPa()));
            sat.add("data_spikes_per_100pA", Json.number(saturation.dataSpikesPer100Pa()));
            sat.add("model_spikes_per_100pA", Json.number(saturation.modelSpikesPer100Pa()));
            sat.addProperty("note", saturation.note());
            o.add("fi_saturation", sat);
        }
        JsonArray fi = new JsonArray();
        for (CellComparison.FiRow r : c.fiCurve()) {
            JsonObject p = new JsonObject();
            p.addProperty("sweep", r.sweep());
            p.addProperty("role", r.role());
            p.add("current_pA", Json.number(r.currentPa()));
            p.addProperty("spikes_data", r.dataSpikes());
            p.addProperty("spikes_model", r.modelSpikes());
            p.addProperty("spikes_at_holding_data", r.dataAtHolding());
            p.addProperty("spikes_at_holding_model", r.modelAtHolding());
            fi.add(p);
        }
        o.add("fi_curve", fi);
        return o;
    }

    private static JsonObject cellError(CellComparison c) {
        JsonObject err = new JsonObject();
        err.add("rest_mV", Json.number(c.model().restMv() - c.data().restMv()));
        err.add("input_resistance_rel", Json.number(c.model().inputResistanceMOhm()
                / c.data().inputResistanceMOhm() - 1));
        err.add("time_constant_rel", Json.number(c.model().timeConstantMs() / c.data().timeConstantMs() - 1));
        err.add("rheobase_steps", Json.number(c.rheobaseStepDifference()));
        return err;
    }

    private static JsonObject passive(PassiveEstimate p, double rheobase) {
        JsonObject o = passive(p);
        o.add("rheobase_pA", Json.number(rheobase));
        return o;
    }

    /** A passive estimate's rest (mV), input resistance (MΩ) and time constant (ms); callers add the rest. */
    public static JsonObject passive(PassiveEstimate p) {
        JsonObject o = new JsonObject();
        o.add("rest_mV", Json.number(p.restMv()));
        o.add("input_resistance_MOhm", Json.number(p.inputResistanceMOhm()));
        o.add("time_constant_ms", Json.number(p.timeConstantMs()));
        return o;
    }
}
