package org.patchpinn.compare;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.patchpinn.model.ModelSpec;
import org.patchpinn.report.Json;
import org.patchpinn.report.Table;

/** Turns a {@link ComparisonResult} into result.json and named tables, with units in every header. */
public final class ComparisonReport {
    private ComparisonReport() {
    }

    public static JsonObject json(ComparisonResult c) {
        JsonObject o = new JsonObject();
        o.addProperty("condition", c.settings().conditionColumn());
        JsonObject rec = new JsonObject();
        rec.addProperty("total", c.rows().size());
        for (RecordingResult.Status s : RecordingResult.Status.values()) {
            rec.addProperty(s.name().toLowerCase(), c.rows().stream().filter(r -> r.result().status() == s).count());
        }
        rec.addProperty("resumed", c.rows().stream().filter(r -> r.result().resumed()).count());
        o.add("recordings", rec);
        JsonArray failed = new JsonArray();
        c.rows().stream().filter(r -> !r.result().ok()).forEach(r -> {
            JsonObject f = new JsonObject();
            f.addProperty("file", r.entry().name());
            f.addProperty("status", r.result().status().name().toLowerCase());
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
        o.addProperty("test", test(c.design()));
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
                + ConditionModel.BASE_MODEL + " + gX(G)*(V - EX)");
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

    public static Table validationTable(ComparisonResult c) {
        Table t = new Table("PatchPINN Compare Validation");
        for (HeldOutSimulation.Check ch : c.heldOutSimulation()) {
            t.addRow().set("file", ch.recording()).set("cell", ch.cell())
                    .set(c.settings().conditionColumn(), ch.condition()).set("sweep", ch.sweep())
                    .set("step (pA)", ch.stepPa()).set("rest measured (mV)", ch.restMeasuredMv())
                    .set("rest simulated (mV)", ch.restSimulatedMv()).set("spikes measured", ch.spikesMeasured())
                    .set("spikes simulated", ch.spikesSimulated());
        }
        return t;
    }

    private static boolean isFeature(ComparisonResult c, String name) {
        return c.okRows().stream().anyMatch(r -> r.result().features() != null
                && r.result().features().scalars().containsKey(name));
    }

    public static Table recordings(ComparisonResult c) {
        Table t = new Table("PatchPINN Compare Recordings");
        String cond = c.settings().conditionColumn();
        Map<Double, Long> counts = new TreeMap<>();
        c.okRows().forEach(r -> counts.merge(r.entry().condition(), 1L, Long::sum));
        t.column("file").column(cond).column("cell").column("status").column("message");
        for (RecordingRow r : c.rows()) {
            Table.Row row = t.addRow().set("file", r.entry().name()).set(cond, r.entry().condition())
                    .set("cell", r.entry().cell());
            r.entry().covariates().forEach(row::set);
            String msg = r.result().message();
            if (r.result().ok() && counts.getOrDefault(r.entry().condition(), 0L) == 1) {
                msg = (msg.isEmpty() ? "" : msg + "; ") + "only recording at " + cond + " = " + ManifestReader.fmt(r.entry().condition())
                        + ": no s.e.m. or interval for this condition";
            }
            row.set("status", r.result().status().name().toLowerCase()).set("message", msg)
                    .set("resumed", r.result().resumed() ? "yes" : "no").set("time (s)", r.result().seconds());
            for (String q : c.quantityNames()) {
                Quantity v = r.quantities().get(q);
                String unit = c.unitOf(q);
                row.set(header(q, unit), v == null ? Double.NaN : v.value());
                if (v != null && Double.isFinite(v.se())) {
                    row.set(header(q + " se", unit), v.se());
                }
            }
        }
        return t;
    }

    public static Table conditions(ComparisonResult c) {
        Table t = new Table("PatchPINN Compare Conditions");
        String cond = c.settings().conditionColumn();
        c.perCondition().forEach((level, m) -> m.forEach((name, s) -> t.addRow().set(cond, level)
                .set("quantity", name).set("unit", c.unitOf(name)).set("n", s.n()).set("mean", s.mean())
                .set("sem", s.sem()).set("ci95 low", s.ciLow()).set("ci95 high", s.ciHigh())));
        return t;
    }

    /** What each p-value comes from, in the words of changes.csv. */
    static String test(WithinCellTrend.Design d) {
        return "within-cell regression on the level (cell intercepts), permutation of levels within cells, "
                + d.familyWise() + " over all quantities";
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

    public static Table changes(ComparisonResult c) {
        Table t = new Table("PatchPINN Compare Changes");
        String cond = c.settings().conditionColumn();
        for (TrendChange ch : c.changes()) {
            t.addRow().set("quantity", ch.name()).set("unit", ch.unit()).set("n", ch.n())
                    .set("effect (lowest to highest " + cond + ")", ch.effect()).set("effect ci95 low", ch.ciLow())
                    .set("effect ci95 high", ch.ciHigh()).set("t", ch.t()).set("p", ch.p())
                    .set("p (family-wise, all quantities)", ch.pAdjusted())
                    .set("changes", ch.significant() ? "yes" : "no").set("direction", ch.direction(cond))
                    .set("test", test(c.design())).set("design warning", c.design().warning());
        }
        return t;
    }

    private static JsonObject mechanismsJson(MechanismComparison.Result m) {
        JsonObject o = new JsonObject();
        o.addProperty("verdict", m.verdict());
        o.addProperty("scored_on", m.heldOut() ? "held-out cells" : "in-sample (one cell)");
        o.add("none_loss", Json.number(m.heldOut() ? m.noneHeldOut() : m.noneInSample()));
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
            x.addProperty("parameter_changes", r.changes());
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

    /** mechanisms.csv: every candidate ranked (best first), with "no condition effect" as the yardstick. */
    public static Table mechanisms(ComparisonResult c) {
        Table t = new Table("PatchPINN Compare Mechanisms");
        MechanismComparison.Result m = c.mechanisms();
        String cond = c.settings().conditionColumn();
        int rank = 1;
        for (MechanismComparison.Ranked r : m.ranking()) {
            double score = m.heldOut() ? r.heldOutLoss() : r.inSampleLoss();
            double none = m.heldOut() ? m.noneHeldOut() : m.noneInSample();
            StringBuilder per = new StringBuilder();
            r.perLevel().forEach((level, v) -> per.append(per.length() == 0 ? "" : "; ").append(ManifestReader.fmt(level))
                    .append(": ").append(String.format(java.util.Locale.ROOT, "%.4g", v)));
            t.addRow().set("rank", rank++).set("mechanism", r.mechanism().name()).set("kind", r.mechanism().kind())
                    .set("parameter", r.mechanism().parameter())
                    .set(m.heldOut() ? "held-out loss" : "in-sample loss", score)
                    .set("loss with no condition effect", none).set("improvement over none", none - score)
                    .set("in-sample loss", r.inSampleLoss())
                    .set("parameter changes with " + cond, r.changes() ? "yes" : "no")
                    .set("EX (mV)", r.mechanism().kind().equals(Mechanism.EXTRA) ? r.exMv() : Double.NaN)
                    .set("value per level", per.toString())
                    .set("verdict", r == m.winner() ? "best: " + m.verdict() : "");
        }
        if (m.winner() == null) {
            t.addRow().set("rank", 0).set("mechanism", "none").set("verdict", m.verdict());
        }
        return t;
    }

    public static Table laws(ComparisonResult c) {
        Table t = new Table("PatchPINN Compare Laws");
        for (Law l : c.laws()) {
            t.addRow().set("target", l.target()).set("variables", String.join(",", l.variables()))
                    .set("expression", l.expression()).set("sympy", l.sympy()).set("r2", l.r2())
                    .set("constants (95% CI)", l.constantsText()).set("source", l.source());
        }
        return t;
    }

    /**
     * What the condition model predicts over a grid of condition levels around the measured ones: the
     * extra and total linear conductance, resting potential, and the firing rate simulated for the recorded
     * step amplitudes (400 ms steps).
     */
    public static Table modelPredictions(ComparisonResult c) {
        Table t = new Table("PatchPINN Compare Model");
        ConditionModel m = c.model();
        double lo = c.perCondition().keySet().stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double hi = c.perCondition().keySet().stream().mapToDouble(Double::doubleValue).max().orElse(1);
        List<Double> grid = new ArrayList<>();
        if (lo > 0) {
            for (int i = 0; i <= 24; i++) {
                grid.add(lo / 2 * Math.pow(hi * 2 / (lo / 2), i / 24.0));
            }
        } else {
            for (int i = 0; i <= 24; i++) {
                grid.add(lo + (hi - lo) * 1.5 * i / 24.0);
            }
        }
        List<Double> steps = stepAmplitudes(c);
        ModelSpec base = ConditionModel.baseStructure();
        for (double g : grid) {
            Table.Row row = t.addRow().set(c.settings().conditionColumn(), g).set("gX (nS)", m.gx().value(g))
                    .set("g_lin (nS)", m.linearConductance(g)).set("E_lin (mV)", m.linearReversal(g))
                    .set("resting_potential (mV)", m.restingPotential(g));
            for (double step : steps) {
                row.set("rate at " + ManifestReader.fmt(step) + " pA (Hz)", m.simulatedRate(g, step, base));
            }
        }
        return t;
    }

    /** Up to four positive step amplitudes of the recorded protocols (rounded to 5 pA), for model F–I. */
    static List<Double> stepAmplitudes(ComparisonResult c) {
        TreeSet<Double> steps = new TreeSet<>();
        for (RecordingRow r : c.okRows()) {
            if (r.result().features() != null) {
                r.result().features().fi().forEach(p -> {
                    if (p[0] > 0) {
                        steps.add(Math.round(p[0] / 5.0) * 5.0);
                    }
                });
            }
        }
        return steps.stream().limit(4).toList();
    }

    static String header(String name, String unit) {
        return unit.isEmpty() ? name : name + " (" + unit + ")";
    }
}
