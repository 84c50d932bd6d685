package org.patchpinn.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.patchpinn.report.Table;
import org.patchpinn.symbolic.Law;

/**
 * Turns a {@link ComparisonResult} into named tables, with units in every header; its result.json is
 * {@link org.patchpinn.report.CompareResultJson}'s.
 */
public final class ComparisonReport {
    private ComparisonReport() {
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
    public static String test(WithinCellTrend.Design d) {
        return "within-cell regression on the level (cell intercepts), permutation of levels within cells, "
                + d.familyWise() + " over all quantities";
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

    /** mechanisms.csv: every candidate ranked (best first), with "no condition effect" as the yardstick. */
    public static Table mechanisms(ComparisonResult c) {
        Table t = new Table("PatchPINN Compare Mechanisms");
        MechanismComparison.Result m = c.mechanisms();
        String cond = c.settings().conditionColumn();
        int rank = 1;
        for (MechanismComparison.Ranked r : m.ranking()) {
            StringBuilder per = new StringBuilder();
            r.perLevel().forEach((level, v) -> per.append(per.length() == 0 ? "" : "; ").append(ManifestReader.fmt(level))
                    .append(": ").append(String.format(java.util.Locale.ROOT, "%.4g", v)));
            t.addRow().set("rank", rank++).set("mechanism", r.mechanism().name()).set("kind", r.mechanism().kind())
                    .set("parameter", r.mechanism().parameter())
                    .set("in-sample loss", r.inSampleLoss())
                    .set("loss with no condition effect", m.noneLoss())
                    .set("improvement over none", m.noneLoss() - r.inSampleLoss())
                    .set("p worse than the best (paired over recordings)", r.pWorseThanBest())
                    .set("held-out-cell loss", r.heldOutLoss())
                    .set("parameter changes with " + cond, r.changes() ? "yes" : "no")
                    .set("p its parameter changes (family-wise over the mechanisms)", r.change().pFamilyWise())
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
        for (double g : grid) {
            Table.Row row = t.addRow().set(c.settings().conditionColumn(), g).set("gX (nS)", m.gx().value(g))
                    .set("g_lin (nS)", m.linearConductance(g)).set("E_lin (mV)", m.linearReversal(g))
                    .set("resting_potential (mV)", m.restingPotential(g));
            for (double step : steps) {
                row.set("rate at " + ManifestReader.fmt(step) + " pA (Hz)", m.simulatedRate(g, step));
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
                        steps.add(protocolStep(p[0]));
                    }
                });
            }
        }
        return steps.stream().limit(4).toList();
    }

    /** A step current rounded to 5 pA: the steps of one protocol, merged across noise and recordings. */
    static double protocolStep(double pA) {
        return Math.round(pA / 5.0) * 5.0;
    }

    static String header(String name, String unit) {
        return unit.isEmpty() ? name : name + " (" + unit + ")";
    }
}
