package org.patchpinn.op;

import com.google.gson.JsonObject;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.patchpinn.InvalidParameterException;
import org.patchpinn.features.FeatureNames;
import org.patchpinn.fit.CellComparison;
import org.patchpinn.fit.FiSaturation;
import org.patchpinn.fit.FitCharts;
import org.patchpinn.fit.FitData;
import org.patchpinn.fit.FitMethod;
import org.patchpinn.fit.FitMethods;
import org.patchpinn.fit.FitOutcome;
import org.patchpinn.fit.FitRunner;
import org.patchpinn.fit.FitSettings;
import org.patchpinn.features.ArtefactDetector;
import org.patchpinn.features.RecordingArtefacts;
import org.patchpinn.fit.FitSweep;
import org.patchpinn.fit.NewStateFitMethod;
import org.patchpinn.fit.ParameterEstimate;
import org.patchpinn.fit.StagedFit;
import org.patchpinn.fit.SweepRoles;
import org.patchpinn.fit.SweepValidation;
import org.patchpinn.fit.Validation;
import org.patchpinn.fit.WorkingGrid;
import org.patchpinn.model.BuiltinModels;
import org.patchpinn.model.ModelException;
import org.patchpinn.model.ModelFileWriter;
import org.patchpinn.model.ModelSpec;
import org.patchpinn.model.Parameter;
import org.patchpinn.report.FitResultJson;
import org.patchpinn.report.Table;
import org.patchpinn.task.Progress;
import org.patchpinn.trace.Recording;

/**
 * Fit Model: fits a model's free parameters to chosen sweeps of a current-clamp recording with a
 * {@link FitMethod} chosen by name, then validates the fitted model on every sweep (held-out sweeps
 * reported separately) the same way for every method.
 */
public final class FitOperation extends BasicOperation {
    public FitOperation() {
        super("fit", "Fit Model",
                "Fits a neuron model to current-clamp sweeps (methods: " + String.join(", ", FitMethods.names())
                + "). Writes result.json (parameters with unit and ci95, validation with holdout_gamma and "
                + "holdout_rmse_mV and features per sweep, diagnostics), parameters.csv, validation.csv, "
                + "states.csv (time, data V, model V, gates, currents per sweep), fitted.model, "
                + "sweep_<k>.png (data vs model), intervals.png, fi_curve.csv and fi_curve.png (spikes per step "
                + "current, data vs model) and cell_comparison.csv (rest, input resistance, time constant and "
                + "rheobase, data vs model). Methods hybrid and pinn learn new gated "
                + "currents (latent 0, 1, 2 or auto) with neural z∞(V), τz(V) on the model as its base and add "
                + "latent and selection to result.json, learned.csv (V, z_inf, tau_z), selection.csv, loss.csv, "
                + "learned.png, heldout_current.png and loss.png.");
    }

    @Override public List<ParamSpec> params() {
        return RecordingParams.withFile("current-clamp recording",
                ParamSpec.string("model", "hh-squid", "built-in model (" + String.join(", ",
                        BuiltinModels.NAMES) + ") or model file"),
                new ParamSpec("method", ParamType.CHOICE, "classic", false, "fit method",
                        Double.NaN, Double.NaN, FitMethods.names()),
                ParamSpec.string("fit", "", "parameters to fit, e.g. gNa,gK,gL,ENa,EK,EL (empty: those not "
                        + "marked fixed in the model)"),
                ParamSpec.string("values", "", "parameter values to set first, e.g. Cm=120,EK=-90 (known or "
                        + "starting values)"),
                ParamSpec.string("sweeps", "", "training sweeps, fitted jointly, e.g. 0,2-3 (empty: chosen from the "
                        + "step protocol: most hyperpolarising, last silent, rheobase, strongest and spread spiking "
                        + "sweeps)"),
                ParamSpec.string("selection", "", "selection sweeps, on which every choice of the fit is scored "
                        + "(stages, checkpoints, new states), e.g. 4,9 (empty: from the step protocol, or the training "
                        + "sweeps when sweeps is given)"),
                ParamSpec.string("holdout", "auto", "test sweeps, touched by no choice, e.g. 1; 'auto': from the step "
                        + "protocol (the last sweep when there are fewer than 5 step sweeps); 'none'"),
                ParamSpec.string("bridge", "auto", "bridge-balance error removed before fitting: 'auto' (the series "
                        + "resistance measured at the command edges, subtracted when it exceeds 5 % of the input "
                        + "resistance), 'none', or a value in MOhm"),
                ParamSpec.number("ljp_mv", 0, -FitData.MAX_LJP_MV, FitData.MAX_LJP_MV, "liquid-junction potential (mV), subtracted from the recorded "
                        + "voltage before fitting"),
                ParamSpec.integer("seed", 1, 0, Integer.MAX_VALUE, "random seed"),
                ParamSpec.integer("starts", 1, 1, 50, "starts of the global search (the first from the model's "
                        + "values, others random)"),
                ParamSpec.integer("max_evaluations", 2000, 10, 1_000_000, "budget of the global search per start "
                        + "(classic: CMA-ES evaluations)"),
                ParamSpec.bool("ci", true, "compute 95% confidence intervals"),
                ParamSpec.choice("latent", "auto", "new states to learn (hybrid, pinn): 0, 1, 2, or auto = choose "
                        + "among 0-2 on the selection sweeps; classic ignores auto", "auto", "0", "1", "2"),
                ParamSpec.choice("device", "auto", "device for methods that train networks", "auto", "cpu", "gpu"),
                ParamSpec.string("options", "", "method-specific options, e.g. steps=300,refine_evals=500 "
                        + "(hybrid, pinn)"),
                ParamSpec.outDir(false));
    }

    @Override public OperationResult run(ParamValues values, Progress progress) {
        long t0 = System.nanoTime();
        long cpu0 = cpuNanos();
        Recording r = RecordingParams.open(values, "file", progress);
        List<String> modelNames = modelNames(values.string("model"));
        RecordingArtefacts artefacts = artefacts(r, values.number("ljp_mv"));
        if (artefacts != null) {
            // said before the fit starts, so a user reading a failed or odd fit knows what the recording showed
            artefacts.warnings().forEach(w -> progress.log("fit: " + r.name() + ": " + w));
        }
        double bridge = bridgeCorrection(values.string("bridge"), artefacts);
        List<FitSweep> all = FitData.all(r, values.number("ljp_mv"), bridge);
        SweepRoles roles = roles(values, r, all, artefacts == null ? List.of() : artefacts.excludedSweeps());
        FitMethod method = FitMethods.get(values.string("method"));
        if (method instanceof NewStateFitMethod && roles.selection().isEmpty() && !roles.test().isEmpty()) {
            // learning new states needs sweeps to choose on; the held-out ones take that role and are reported
            // as selection sweeps, not as an independent test
            progress.log("fit: no selection sweeps given; the held-out sweeps " + roles.test() + " choose the "
                    + "checkpoint and the number of new states, so no test sweep remains");
            roles = new SweepRoles(roles.training(), roles.test(), List.of(), roles.excluded(), roles.rule()
                    + "; the held-out sweeps served as selection sweeps (method " + method.name() + " needs them)");
        }
        FitSettings settings = settings(values, method);
        List<FitRunner.Run> runs = new ArrayList<>();
        for (int i = 0; i < modelNames.size(); i++) {
            ModelSpec model = model(values, modelNames.get(i));
            Progress part = progress.range(i / (double) modelNames.size(), (i + 1) / (double) modelNames.size());
            runs.add(FitRunner.run(r.name(), model, method, settings, all, roles, part));
        }
        // several models: the selection sweeps choose; every model's test figures are reported beside it
        FitRunner.Run best = runs.stream().max(Comparator.comparingDouble(FitRunner.Run::selectionScore))
                .orElseThrow();
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = (cpuNanos() - cpu0) / 1e9;
        OperationResult result = report(r, best.model(), method, roles, best.outcome(), best.validation(), values,
                wall, cpu, artefacts == null ? List.of() : artefacts.unresponsiveSweeps());
        if (artefacts != null) {
            FitResultJson.addArtefacts(result.json(), artefacts, bridge);
        }
        if (runs.size() > 1) {
            Table mt = new Table("PatchPINN Model Comparison");
            for (FitRunner.Run m : runs) {
                CellComparison c = m.cell();
                mt.addRow().set("model", m.model().name()).set("chosen", m == best ? "yes" : "no")
                        .set("selection score", m.selectionScore())
                        .set("selection gamma", Validation.spikingGamma(m.validation(), SweepRoles.SELECTION))
                        .set("test gamma", Validation.spikingGamma(m.validation(), SweepRoles.TEST))
                        .set("test sweeps within spike tolerance", c.withinTolerance(SweepRoles.TEST))
                        .set("test sweeps", c.count(SweepRoles.TEST))
                        .set("step sweeps within spike tolerance", c.sweepsWithinCountTolerance())
                        .set("step sweeps", c.fiCurve().size());
            }
            FitResultJson.addModelComparison(result.json(), runs, best);
            result.table(mt, "models.csv");
        }
        return result;
    }

    /** "traub-rs-m, traub-fs" → the names; one name (or a model file) most of the time. */
    static List<String> modelNames(String text) {
        List<String> out = new ArrayList<>();
        for (String s : text.split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        if (out.isEmpty()) {
            throw new InvalidParameterException("model", "no model given");
        }
        return out;
    }

    private static ModelSpec model(ParamValues values, String name) {
        ModelSpec model;
        try {
            model = BuiltinModels.resolve(name);
        } catch (ModelException e) {
            throw new InvalidParameterException("model", e.getMessage());
        }
        model = ModelParams.withValues(model, values, "values");
        if (!values.string("fit").isBlank()) {
            model = model.withFree(ModelParams.names(model, values.string("fit"), "fit"));
        }
        return model;
    }

    private static FitSettings settings(ParamValues values, FitMethod method) {
        Map<String, String> options = new LinkedHashMap<>(ModelParams.options(values.string("options"), "options"));
        String latent = values.string("latent");
        if (method instanceof NewStateFitMethod) {
            if (options.containsKey(NewStateFitMethod.LATENT)) {
                throw new InvalidParameterException("options", "give the number of new states with the latent "
                        + "parameter, not as an option");
            }
            options.put(NewStateFitMethod.LATENT, latent);
        } else if (!latent.equals("auto")) {
            throw new InvalidParameterException("latent", "latent " + latent + " applies to methods that learn new "
                    + "states (hybrid, pinn), not to " + method.name());
        }
        FitMethods.checkOptions(method, options);
        // the names as given (each model checks them against its parameters)
        return new FitSettings(values.integer("seed"), values.integer("starts"), values.integer("max_evaluations"),
                values.bool("ci"), values.string("device"), options,
                Set.copyOf(ModelParams.listed(values.string("fit"))));
    }

    /** Artefacts of a current-clamp recording (null when they cannot be measured, e.g. no command). */
    private static RecordingArtefacts artefacts(Recording r, double ljpMv) {
        try {
            return ArtefactDetector.analyseCorrected(r, ljpMv);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The series resistance (MΩ) to subtract: measured and flagged (auto), none, or the user's value. */
    static double bridgeCorrection(String option, RecordingArtefacts artefacts) {
        String o = option.trim();
        if (o.equalsIgnoreCase("none")) {
            return 0;
        }
        if (o.equalsIgnoreCase("auto") || o.isEmpty()) {
            if (artefacts == null || !Double.isFinite(artefacts.bridgeMohm())) {
                return 0;
            }
            boolean flagged = artefacts.warnings().stream().anyMatch(w -> w.toLowerCase(Locale.ROOT)
                    .contains("bridge"));
            return flagged ? artefacts.bridgeMohm() : 0;
        }
        try {
            return Double.parseDouble(o);
        } catch (NumberFormatException e) {
            throw new InvalidParameterException("bridge", "'" + option + "': expected auto, none or a resistance in "
                    + "MOhm");
        }
    }

    /** Sweep roles from the user's lists, the step protocol's default rule filling what is not given. */
    static SweepRoles roles(ParamValues values, Recording r, List<FitSweep> all, List<Integer> blocked) {
        SweepRoles auto = FitRunner.defaultRoles(all, blocked);
        String h = values.string("holdout").trim();
        List<Integer> test;
        if (h.equalsIgnoreCase("none") || h.isEmpty()) {
            test = List.of();
        } else if (h.equalsIgnoreCase("auto")) {
            test = auto.test();
        } else {
            test = checked(values.indices("holdout"), r, "holdout");
        }
        List<Integer> given = checked(values.indices("sweeps"), r, "sweeps");
        List<Integer> training;
        if (!given.isEmpty()) {
            training = given;
        } else if (auto.selection().isEmpty()) {
            // the simple rule (few sweeps): train on every sweep not tested
            training = all.stream().map(FitSweep::index).filter(k -> !test.contains(k)).toList();
        } else {
            training = auto.training().stream().filter(k -> !test.contains(k)).toList();
        }
        List<Integer> selection = checked(values.indices("selection"), r, "selection");
        if (selection.isEmpty() && given.isEmpty()) {
            selection = auto.selection().stream().filter(k -> !test.contains(k) && !training.contains(k)).toList();
        }
        for (int k : training) {
            if (test.contains(k)) {
                throw new InvalidParameterException("holdout", "sweep " + k + " is both fitted and held out");
            }
            if (selection.contains(k)) {
                throw new InvalidParameterException("selection", "sweep " + k + " is both a training and a "
                        + "selection sweep");
            }
        }
        for (int k : selection) {
            if (test.contains(k)) {
                throw new InvalidParameterException("selection", "sweep " + k + " is both a selection and a test "
                        + "sweep");
            }
        }
        if (training.isEmpty()) {
            throw new InvalidParameterException("sweeps", "no sweep left to fit");
        }
        if (!given.isEmpty() || !values.indices("selection").isEmpty()) {
            return SweepRoles.given(training, selection, test);
        }
        List<Integer> roled = new ArrayList<>(training);
        roled.addAll(selection);
        roled.addAll(test);
        List<Integer> excluded = auto.excluded().stream().filter(k -> !roled.contains(k)).toList();
        return new SweepRoles(training, selection, test, excluded, auto.rule());
    }

    private static List<Integer> checked(List<Integer> indices, Recording r, String key) {
        for (int k : indices) {
            if (k < 0 || k >= r.sweepCount()) {
                throw new InvalidParameterException(key, "no sweep " + k + " in " + r.name() + " (it has "
                        + r.sweepCount() + " sweeps, numbered from 0)");
            }
        }
        return indices;
    }

    /** "EL -70.5 mV" for each solved passive parameter the staged fit left on its band's edge. */
    private static List<String> passiveAtBandEdge(FitOutcome outcome, ModelSpec fitted) {
        var names = outcome.diagnostics().get(StagedFit.PASSIVE_AT_BAND_EDGE);
        if (names == null || !names.isJsonArray()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (var n : names.getAsJsonArray()) {
            int i = fitted.indexOf(n.getAsString());
            Parameter p = fitted.parameters().get(i);
            out.add(String.format(Locale.ROOT, "%s %.4g %s", p.name(), fitted.values()[i], p.unit()));
        }
        return out;
    }

    /** "held-out (test) Γ 0.41 on 1 sweep with spikes, 3 of 3 silent sweeps silent in the model, RMSE 4.1 mV". */
    private static String testSummary(List<SweepValidation> validation) {
        int spiking = Validation.spikingSweeps(validation, SweepRoles.TEST);
        Validation.SilentSweeps silent = Validation.silentSweeps(validation, SweepRoles.TEST);
        String gamma = spiking == 0 ? "held-out (test) Γ undefined (no test sweep with spikes)"
                : String.format(Locale.ROOT, "held-out (test) Γ %.2f on %d sweep%s with spikes",
                Validation.spikingGamma(validation, SweepRoles.TEST), spiking, spiking == 1 ? "" : "s");
        String quiet = silent.count() == 0 ? "" : ", " + silent + " silent sweeps silent in the model";
        return String.format(Locale.ROOT, "%s%s, RMSE %.2f mV", gamma, quiet,
                Validation.rmse(validation, SweepRoles.TEST));
    }

    private static OperationResult report(Recording r, ModelSpec model, FitMethod method, SweepRoles roles,
                                          FitOutcome outcome, List<SweepValidation> validation, ParamValues values,
                                          double wall, double cpu, List<Integer> unresponsive) {
        ModelSpec fitted = outcome.fitted();
        Table pt = new Table("PatchPINN Fit Parameters");
        for (ParameterEstimate e : outcome.estimates()) {
            pt.addRow().set("parameter", e.name()).set("unit", e.unit()).set("value", e.value())
                    .set("ci95_low", e.ci95Low()).set("ci95_high", e.ci95High()).set("fixed", e.fixed() ? "yes" : "no");
        }
        CellComparison cell = CellComparison.of(validation, unresponsive);
        JsonObject json = FitResultJson.of(r.name(), model.name(), method.name(), roles, values.number("ljp_mv"),
                outcome, validation, cell, wall, cpu, values.asMap());

        Table vt = new Table("PatchPINN Fit Validation");
        for (SweepValidation v : validation) {
            Table.Row row = vt.addRow().set("sweep", v.sweep().index()).set("role", v.role())
                    .set("RMSE (mV)", v.rmseMv()).set("gamma", v.gamma()).set("spikes data", v.dataSpikes())
                    .set("spikes model", v.modelSpikes());
            for (String f : Validation.FEATURES) {
                String unit = FeatureNames.unitOf(f);
                String suffix = unit == null || unit.isEmpty() ? "" : " (" + unit + ")";
                row.set(f + " data" + suffix, v.dataFeatures().get(f));
                row.set(f + " model" + suffix, v.modelFeatures().get(f));
            }
        }
        boolean tested = validation.stream().anyMatch(v -> v.role().equals(SweepRoles.TEST));
        String testPart = tested ? testSummary(validation) : "no test sweep (too few sweeps: see sweep_roles)";
        String summary = String.format(Locale.ROOT, "%s: %s fit of %s in %.1f s; %s; spike count within max(2, 20%%) "
                + "on %d of %d step sweeps", r.name(), method.name(), model.name(), wall, testPart,
                cell.sweepsWithinCountTolerance(), cell.fiCurve().size());
        int excluded = cell.count(SweepRoles.EXCLUDED);
        if (excluded > 0) {
            summary += String.format(Locale.ROOT, " (%d of %d without the %d excluded for depolarisation block or no "
                    + "response)",
                    cell.sweepsWithinCountTolerance() - cell.withinTolerance(SweepRoles.EXCLUDED),
                    cell.fiCurve().size() - excluded, excluded);
        }
        List<Integer> alone = cell.sweepsFiringAtHoldingAlone();
        if (!alone.isEmpty()) {
            summary += String.format(Locale.ROOT, "; the model fires at the holding current where the cell does not "
                    + "on %d of %d step sweeps (fi_curve.csv)", alone.size(), cell.fiCurve().size());
        }
        FiSaturation saturation = cell.fiSaturation();
        if (saturation != null) {
            summary += "; " + saturation.note();
        }
        if (cell.dataRest().drifts()) {
            summary += "; the cell's rest drifts " + cell.dataRest().range()
                    + " over the recording (cell_comparison.csv)";
        }
        if (!cell.resistanceNote().isEmpty()) {
            summary += "; " + cell.dataResistance().summary() + " (" + cell.dataResistance().range()
                    + ": cell_comparison.csv)";
        }
        if (!cell.sagNote().isEmpty()) {
            summary += String.format(Locale.ROOT, "; the cell sags on %d of its %d hyperpolarising steps and the "
                    + "model on %d (cell_comparison.csv)", cell.data().sagSteps(), cell.data().steps(),
                    cell.model().sagSteps());
        }
        if (cell.firesAtHolding()) {
            summary += String.format(Locale.ROOT, "; the cell fires at the holding current (%d spikes there, the model "
                    + "%d): no rest, its input resistance and time constant are read from the steady states of its "
                    + "hyperpolarising steps (cell_comparison.csv)", cell.spikesAtHolding(true),
                    cell.spikesAtHolding(false));
        }
        List<String> atEdge = passiveAtBandEdge(outcome, fitted);
        if (!atEdge.isEmpty()) {
            summary += "; the membrane solved from the cell's rest and input resistance sits on its band's edge ("
                    + String.join(", ", atEdge) + "): with its active currents the model cannot meet them exactly, "
                    + "so read rest and input resistance errors as the model's (cell_comparison.csv)";
        }
        var notSolved = outcome.diagnostics().get(StagedFit.PASSIVE_NOT_SOLVED);
        if (notSolved != null) {
            summary += "; the membrane was not solved from the cell's rest (" + notSolved.getAsString()
                    + "): read rest and input resistance errors with that in mind (cell_comparison.csv)";
        }
        OperationResult result = new OperationResult(json, summary);
        result.table(pt, "parameters.csv");
        result.table(vt, "validation.csv");
        result.fileTable(states(validation), "states.csv");
        result.table(cell.cellTable(), "cell_comparison.csv");
        if (!cell.fiCurve().isEmpty()) {
            result.table(cell.fiTable(), "fi_curve.csv");
            result.chart(FitCharts.fiCurve(cell, model.name()), "fi_curve.png");
        }
        for (FitOutcome.OutcomeTable t : outcome.tableOutputs()) {
            if (t.show()) {
                result.table(t.table(), t.fileName());
            } else {
                result.fileTable(t.table(), t.fileName());
            }
        }
        if (fitted.isWritable()) {
            result.textFile("fitted.model", ModelFileWriter.write(fitted.withName(model.name() + "-fitted",
                    model.description() + "; fitted to " + r.name() + " (" + method.name() + ")")));
        }
        for (SweepValidation v : validation) {
            result.chart(FitCharts.sweep(v, model.name()), "sweep_" + v.sweep().index() + ".png");
        }
        if (outcome.estimates().stream().anyMatch(e -> !e.fixed() && Double.isFinite(e.ci95Low()))) {
            result.chart(FitCharts.intervals(outcome.estimates()), "intervals.png");
        }
        outcome.charts().forEach((name, c) -> result.chart(c, name));
        return result;
    }

    /**
     * Long table: one row per sample with data V, model V, gates and currents, for the test sweeps (the training
     * sweeps when there are none): every sweep of a real recording would be hundreds of MB. Recordings faster than
     * 20 kHz keep every k-th sample ({@link WorkingGrid#stride}).
     */
    static Table states(List<SweepValidation> validation) {
        Table t = new Table("PatchPINN Fit States");
        boolean anyTest = validation.stream().anyMatch(v -> v.role().equals(SweepRoles.TEST));
        for (SweepValidation v : validation) {
            if (!v.role().equals(anyTest ? SweepRoles.TEST : SweepRoles.TRAINING)) {
                continue;
            }
            double dt = v.sweep().dtMs();
            double[] d = v.sweep().vMv();
            double[] m = v.model().v();
            Map<String, double[]> gates = new LinkedHashMap<>(v.model().gates());
            Map<String, double[]> currents = new LinkedHashMap<>(v.model().currents());
            int every = WorkingGrid.stride(dt);
            for (int i = 0; i < d.length; i += every) {
                Table.Row row = t.addRow().set("sweep", v.sweep().index()).set("time (ms)", i * dt)
                        .set("data V (mV)", d[i]).set("model V (mV)", m[i]);
                int k = i;
                gates.forEach((g, x) -> row.set(g + " (1)", x[k]));
                currents.forEach((c, x) -> row.set(c + " (pA)", x[k]));
            }
        }
        return t;
    }

    private static long cpuNanos() {
        OperatingSystemMXBean os = ManagementFactory
                .getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean s ? s.getProcessCpuTime() : 0;
    }
}
