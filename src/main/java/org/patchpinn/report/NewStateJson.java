package org.patchpinn.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.patchpinn.pinn.FittedModel;
import org.patchpinn.pinn.NewStateFit;
import org.patchpinn.pinn.NewStateReport;
import org.patchpinn.pinn.SweepScore;

/**
 * Fit Model's "diagnostics" for the methods that learn new states (hybrid, pinn): settings, the learned
 * functions tabulated ({@link FitResultJson#LATENT}) and how their number was chosen
 * ({@link FitResultJson#SELECTION}), both moved to the top level by {@link FitResultJson}, the method's own
 * scores, its training log and timing.
 */
public final class NewStateJson {
    private NewStateJson() {
    }

    /** {@code m}: the final model (the chosen candidate's, or its law's after a later stage). */
    public static JsonObject diagnostics(NewStateFit.Outcome o, FittedModel m, int steps, int refineEvaluations) {
        NewStateFit.Candidate c = o.chosen();
        JsonObject d = new JsonObject();
        d.addProperty("method", o.settings().method());
        d.addProperty("base", o.settings().base().name());
        d.add("base_free", Json.toTree(o.settings().base().spec().freeParameters()));
        d.addProperty("latent_requested", o.settings().latent());
        d.addProperty("device", c.device());
        d.addProperty("steps", steps);
        d.addProperty("refine_evaluations", refineEvaluations);
        d.add(FitResultJson.LATENT, latent(m));
        d.add(FitResultJson.SELECTION, selection(o));
        JsonObject own = new JsonObject();
        JsonArray held = new JsonArray();
        c.heldOut().forEach(s -> held.add(score(s)));
        own.add("heldout", held);
        own.addProperty("note", "the method's own scores on its selection sweeps (sweeps numbered from 1), with the "
                + "project's simulator as result.json's validation");
        d.add("method_validation", own);
        d.add("log", Json.strings(c.log()));
        d.addProperty("log_note", "the training log numbers sweeps from 1");
        JsonObject timing = new JsonObject();
        timing.add("wall_s", Json.number(o.wallSeconds()));
        timing.add("cpu_s", Json.number(o.cpuSeconds()));
        d.add("timing", timing);
        return d;
    }

    /** Each new state: g·z·(V − E) with z∞(V) and τz(V) tabulated on the report's voltage grid. */
    private static JsonArray latent(FittedModel m) {
        JsonArray latent = new JsonArray();
        for (int j = 0; j < m.latents().size(); j++) {
            FittedModel.Latent l = m.latents().get(j);
            JsonObject e = new JsonObject();
            e.addProperty("name", "z" + (j + 1));
            e.addProperty("form", "g*z*(V-E), dz/dt = (z_inf(V) - z)/tau_z(V)");
            e.add("g_nS", Json.number(l.gNs()));
            e.add("E_mV", Json.number(l.eMv()));
            JsonArray v = new JsonArray();
            JsonArray zi = new JsonArray();
            JsonArray tau = new JsonArray();
            for (double x = NewStateReport.GRID_LOW; x <= NewStateReport.GRID_HIGH + 1e-9;
                 x += NewStateReport.GRID_STEP) {
                v.add(x);
                zi.add(Json.number(l.zInfAt(x)));
                tau.add(Json.number(l.tauAt(x)));
            }
            e.add("V_mV", v);
            e.add("z_inf", zi);
            e.add("tau_z_ms", tau);
            latent.add(e);
        }
        return latent;
    }

    /** Every candidate number of new states with its scores, the chosen one and why. */
    private static JsonObject selection(NewStateFit.Outcome o) {
        JsonObject scores = new JsonObject();
        for (NewStateFit.Candidate k : o.candidates()) {
            JsonObject s = new JsonObject();
            s.add("heldout_agreement", Json.number(k.heldOutAgreement()));
            s.add("heldout_statistics_loss", Json.number(k.heldOutStatistics()));
            s.add("heldout_gamma", Json.number(NewStateReport.meanGamma(k.heldOut())));
            s.add("train_agreement", Json.number(NewStateFit.agreement(k.train())));
            s.add("tolerance", Json.number(NewStateFit.tolerance(k.heldOut())));
            s.add("wall_s", Json.number(k.wallSeconds()));
            scores.add(Integer.toString(k.latentCount()), s);
        }
        JsonObject sel = new JsonObject();
        sel.add("scores", scores);
        sel.addProperty("chosen", o.chosen().latentCount());
        sel.addProperty("new_state_needed", o.newStateNeeded());
        sel.addProperty("decision", o.decision());
        sel.add("min_tolerance", Json.number(NewStateFit.TOLERANCE));
        return sel;
    }

    private static JsonObject score(SweepScore s) {
        JsonObject e = new JsonObject();
        e.addProperty("sweep", s.sweep());
        e.add("stimulus_pA", Json.number(s.stimulusPa()));
        e.add("gamma", Json.number(s.gamma()));
        e.add("rmse_mV", Json.number(s.rmseMv()));
        e.add("subthreshold_rmse_mV", Json.number(s.subthresholdRmseMv()));
        e.addProperty("spikecount_data", s.spikesData());
        e.addProperty("spikecount_model", s.spikesModel());
        e.add("adaptation_index2_data", Json.number(s.adaptationData()));
        e.add("adaptation_index2_model", Json.number(s.adaptationModel()));
        e.add("adaptation_index2_rel_error", Json.number(s.adaptationError()));
        e.add("first_isi_data_ms", Json.number(s.firstIsiData()));
        e.add("first_isi_model_ms", Json.number(s.firstIsiModel()));
        e.add("last_isi_data_ms", Json.number(s.lastIsiData()));
        e.add("last_isi_model_ms", Json.number(s.lastIsiModel()));
        e.add("agreement", Json.number(s.agreement()));
        return e;
    }
}
