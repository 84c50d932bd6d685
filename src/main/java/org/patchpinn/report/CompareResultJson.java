package org.patchpinn.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.Locale;
import java.util.Map;
import org.patchpinn.compare.ComparisonReport;
import org.patchpinn.compare.ComparisonResult;
import org.patchpinn.compare.ConditionComparison;
import org.patchpinn.compare.ConductanceDecomposition;
import org.patchpinn.compare.Estimate;
import org.patchpinn.compare.HeldOutSimulation;
import org.patchpinn.compare.ManifestReader;
import org.patchpinn.compare.Mechanism;
import org.patchpinn.compare.MechanismComparison;
import org.patchpinn.compare.RecordingResult;
import org.patchpinn.compare.SubthresholdStructure;
import org.patchpinn.compare.Summary;
import org.patchpinn.compare.TrendChange;
import org.patchpinn.compare.WithinCellTrend;

/**
 * result.json of Compare: recordings and their problems, per-condition summaries, the within-cell trend test and
 * the changes it finds, mechanisms, laws, the extra conductance, the held-out simulation and warnings. Value
 * objects the per-recording files share ({@code Estimate}, {@code Summary}, symbolic's {@code Law}) write their
 * own blocks.
 */
public final class CompareResultJson {

    private CompareResultJson() {
    }

    /** {@code given}: the parameters Compare was run with. */
    public static JsonObject of(ComparisonResult c, Map<String, String> given) {
        JsonObject o = new JsonObject();
        o.addProperty("condition", c.settings().conditionColumn());
        JsonObject rec = new JsonObject();
        rec.addProperty("total", c.rows().size());
        for (RecordingResult.Status s : RecordingResult.Status.values()) {
            rec.addProperty(s.name().toLowerCase(Locale.ROOT), c.rows().stream().filter(r -> r.result().status() == s)
                    .count());
        }
        rec.addProperty("resumed", c.rows().stream().filter(r -> r.result().resumed()).count());
        o.add("recordings", rec);
        JsonArray failed = new JsonArray();
        c.rows().stream().filter(r -> !r.result().ok()).forEach(r -> {
            JsonObject f = new JsonObject();
            f.addProperty("file", r.entry().name());
            f.addProperty("status", r.result().status().name().toLowerCase(Locale.ROOT));
            f.addProperty("message", r.result().message());
            failed.add(f);
        });
        o.add("problems", failed);
        JsonArray conditions = new JsonArray();
        c.perCondition().forEach((level, m) -> {
            JsonObject co = new JsonObject();
            co.addProperty("value", level);
            co.addProperty("n", c.okRows().stream().filter(r -> r.entry().condition() == level).count());
            JsonObject params = new JsonObject();
            JsonObject feats = new JsonObject();
            m.forEach((name, s) -> (isFeature(c, name) ? feats : params).add(name, s.toJson(c.unitOf(name))));
            co.add("parameters", params);
            co.add("features", feats);
            conditions.add(co);
        });
        o.add("conditions", conditions);
        JsonArray changes = new JsonArray();
        for (TrendChange t : c.changes()) {
            JsonObject ch = new JsonObject();
            ch.addProperty("name", t.name());
            ch.addProperty("unit", t.unit());
            ch.add("effect", Json.number(t.effect()));
            ch.add("effect_ci95", Json.interval(t.ciLow(), t.ciHigh()));
            ch.add("t", Json.number(t.t()));
            ch.add("p", Json.number(t.p()));
            ch.add("p_familywise", Json.number(t.pAdjusted()));
            ch.addProperty("significant", t.significant());
            ch.addProperty("direction", t.direction(c.settings().conditionColumn()));
            ch.addProperty("n", t.n());
            changes.add(ch);
        }
        o.addProperty("test", ComparisonReport.test(c.design()));
        o.add("design", design(c.design()));
        o.add("changes", changes);
        if (c.mechanisms() != null) {
            o.add("mechanisms", mechanismsJson(c.mechanisms()));
        }
        JsonArray covs = new JsonArray();
        for (TrendChange t : c.covariateEffects()) {
            JsonObject ch = new JsonObject();
            ch.addProperty("name", t.name());
            ch.addProperty("test", "within-cell regression of gX minus the law on the covariate's rank, "
                    + "permutation within cells");
            ch.add("effect", Json.number(t.effect()));
            ch.add("p", Json.number(t.p()));
            ch.addProperty("n", t.n());
            covs.add(ch);
        }
        o.add("covariates", covs);
        JsonArray laws = new JsonArray();
        c.laws().forEach(l -> laws.add(l.toJson()));
        o.add("laws", laws);
        o.add("subthreshold", subthreshold(c.settings().subthreshold().structure()));
        if (c.decomposition() != null) {
            o.add("extra_conductance", decomposition(c));
        }
        if (c.model() != null) {
            o.addProperty("model_file", "condition_model.json");
        }
        if (!c.heldOutSimulation().isEmpty()) {
            o.add("held_out_simulation", validation(c));
        }
        o.add("warnings", Json.strings(c.warnings()));
        o.addProperty("seconds", c.seconds());
        o.add("parameters_used", Json.toTree(given));
        return o;
    }

    /** The structure the subthreshold analysis read: its name, slow current (null: none) and that current's reversal. */
    private static JsonObject subthreshold(SubthresholdStructure s) {
        JsonObject o = new JsonObject();
        o.addProperty("structure", s.name());
        o.add("slow_current", s.slowGate().map(g -> (JsonElement) new JsonPrimitive(g.current()))
                .orElse(JsonNull.INSTANCE));
        s.slowGate().ifPresent(g -> {
            o.addProperty("slow_conductance", g.conductance());
            o.addProperty("slow_reversal", g.reversal());
            o.add("slow_reversal_mV", Json.number(s.slowReversalMv()));
        });
        o.addProperty("note", s.note());
        return o;
    }

    private static JsonObject decomposition(ComparisonResult c) {
        ConductanceDecomposition.Result d = c.decomposition();
        JsonObject x = new JsonObject();
        x.addProperty("current", "gX(G)*(V - EX)");
        x.addProperty("gauge", d.gauge());
        // where the data do not identify the split (a control) the fit's EX, leaks and law are a gauge choice:
        // null values, the flag and the reason instead of numbers that read as estimates
        x.addProperty("identified", d.identified());
        x.addProperty("not_identified_reason", d.identification().reason());
        x.add("EX_mV", d.reported(d.ex()).toJson());
        JsonObject law = new JsonObject();
        law.addProperty("expression", d.identified() ? d.law().expression("G") : "not identified");
        law.addProperty("sympy", d.identified() ? d.law().sympy("G") : "");
        law.add("gmax", d.reported(d.gmax()).toJson());
        law.add("K", d.reported(d.k()).toJson());
        law.add("h", d.reported(d.h()).toJson());
        law.add("r2", Json.number(d.identified() ? d.lawR2() : Double.NaN));
        x.add("law", law);
        JsonArray per = new JsonArray();
        c.perCondition().forEach((level, m) -> {
            JsonObject p = new JsonObject();
            p.addProperty("value", level);
            Summary s = m.get(ConditionComparison.GX);
            if (s != null) {
                p.add("gX_nS", s.toJson("nS"));
            }
            Estimate lv = d.perLevel().get(level);
            if (lv != null) {
                p.add("gX_fit_nS", d.reported(lv).toJson());
            }
            p.add("law_nS", Json.number(d.identified() ? d.law().value(level) : Double.NaN));
            per.add(p);
        });
        x.add("per_condition", per);
        JsonArray cells = new JsonArray();
        for (ConductanceDecomposition.CellLeak l : d.cells()) {
            JsonObject co = new JsonObject();
            co.addProperty("cell", l.cell());
            co.add("gL_nS", d.reported(l.gL()).toJson());
            co.add("EL_mV", d.reported(l.eL()).toJson());
            cells.add(co);
        }
        x.add("cells", cells);
        JsonArray held = new JsonArray();
        for (ConductanceDecomposition.HeldOut h : d.heldOut()) {
            JsonObject ho = new JsonObject();
            ho.addProperty("cell", h.cell());
            ho.add("rmse_g_lin_nS", Json.number(h.rmseGNs()));
            ho.add("rmse_E_lin_mV", Json.number(h.rmseEMv()));
            ho.add("max_gX_error_nS", Json.number(h.maxGxErrorNs()));
            held.add(ho);
        }
        x.add("held_out_cells", held);
        return x;
    }

    private static JsonObject validation(ComparisonResult c) {
        JsonObject v = new JsonObject();
        v.addProperty("method", "leave one cell out: law and EX from the other cells, the cell's leak from its "
                + "own g_lin/E_lin with the law fixed, then its recorded stimuli simulated with "
                + c.settings().subthreshold().structure().name() + " + gX(G)*(V - EX)");
        double se = 0;
        double spikes = 0;
        for (HeldOutSimulation.Check ch : c.heldOutSimulation()) {
            se += (ch.restSimulatedMv() - ch.restMeasuredMv()) * (ch.restSimulatedMv() - ch.restMeasuredMv());
            spikes += Math.abs(ch.spikesSimulated() - ch.spikesMeasured());
        }
        int n = c.heldOutSimulation().size();
        v.add("rest_rmse_mV", Json.number(Math.sqrt(se / n)));
        v.add("spike_count_mean_abs_error", Json.number(spikes / n));
        v.addProperty("sweeps", n);
        return v;
    }

    private static boolean isFeature(ComparisonResult c, String name) {
        return c.okRows().stream().anyMatch(r -> r.result().features() != null
                && r.result().features().scalars().containsKey(name));
    }

    /** The design's fields in order, minP under the name result.json has always used. */
    private static JsonObject design(WithinCellTrend.Design d) {
        JsonObject o = Json.toTree(d).getAsJsonObject();
        JsonElement warning = o.remove("warning");
        o.add("smallest_attainable_p", o.remove("minP"));
        o.add("family_wise_method", o.remove("familyWise"));
        o.add("warning", warning);
        return o;
    }

    private static JsonObject mechanismsJson(MechanismComparison.Result m) {
        JsonObject o = new JsonObject();
        o.addProperty("verdict", m.verdict());
        o.addProperty("scored_on", "in-sample (one parameter per recording for every mechanism); held-out cells "
                + (m.heldOut() ? "reported" : "not scored (one cell)"));
        o.add("none_loss", Json.number(m.noneLoss()));
        MechanismComparison.Ranked w = m.winner();
        o.addProperty("winner", w == null ? "" : w.mechanism().name());
        JsonArray a = new JsonArray();
        for (MechanismComparison.Ranked r : m.ranking()) {
            JsonObject x = new JsonObject();
            x.addProperty("mechanism", r.mechanism().name());
            x.addProperty("kind", r.mechanism().kind());
            x.addProperty("parameter", r.mechanism().parameter());
            x.add("held_out_loss", Json.number(r.heldOutLoss()));
            x.add("in_sample_loss", Json.number(r.inSampleLoss()));
            x.add("p_worse_than_best", Json.number(r.pWorseThanBest()));
            x.addProperty("not_distinguished_from_best", r.notDistinguished());
            x.addProperty("parameter_changes", r.changes());
            x.add("parameter_change_p_family_wise_over_mechanisms", Json.number(r.change().pFamilyWise()));
            if (r.mechanism().kind().equals(Mechanism.EXTRA)) {
                x.add("EX_mV", Json.number(r.exMv()));
            }
            JsonObject per = new JsonObject();
            r.perLevel().forEach((level, v) -> per.add(ManifestReader.fmt(level), Json.number(v)));
            x.add("per_level", per);
            a.add(x);
        }
        o.add("ranking", a);
        JsonObject bases = new JsonObject();
        m.cellBases().forEach(bases::addProperty);
        o.add("cell_base", bases);
        return o;
    }
}
