package org.patchpinn.op;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.patchpinn.InvalidParameterException;
import org.patchpinn.fit.FitCharts;
import org.patchpinn.fit.FitData;
import org.patchpinn.fit.FitMethod;
import org.patchpinn.fit.FitMethods;
import org.patchpinn.fit.FitOutcome;
import org.patchpinn.fit.FitProblem;
import org.patchpinn.fit.FitSettings;
import org.patchpinn.fit.FitSweep;
import org.patchpinn.fit.NewStateFitMethod;
import org.patchpinn.fit.ParameterEstimate;
import org.patchpinn.fit.SweepValidation;
import org.patchpinn.fit.Validation;
import org.patchpinn.model.ModelFileWriter;
import org.patchpinn.model.ModelSpec;
import org.patchpinn.report.Json;
import org.patchpinn.report.Table;
import org.patchpinn.task.Progress;
import org.patchpinn.trace.Recording;

/**
 * Fit Model: fits a model's free parameters to chosen sweeps of a current-clamp recording with a
 * {@link FitMethod} chosen by name, then validates the fitted model on every sweep (held-out sweeps
 * reported separately) the same way for every method.
 */
public final class FitOperation implements Operation {
    @Override public String verb() { return "fit"; }

    @Override public String title() { return "Fit Model"; }

    @Override public String description() {
        return "Fits a neuron model to current-clamp sweeps (methods: " + String.join(", ", FitMethods.names())
                + "). Writes result.json (parameters with unit and ci95, validation with holdout_gamma and "
                + "holdout_rmse_mV and features per sweep, diagnostics), parameters.csv, validation.csv, "
                + "states.csv (time, data V, model V, gates, currents per sweep), fitted.model, "
                + "sweep_<k>.png (data vs model) and intervals.png. Methods hybrid and pinn learn new gated "
                + "currents (latent 0, 1, 2 or auto) with neural z∞(V), τz(V) in base traub-rs or hh-squid and add "
                + "latent and selection to result.json, learned.csv (V, z_inf, tau_z), selection.csv, loss.csv, "
                + "learned.png, heldout_current.png and loss.png.";
    }

    @Override public List<ParamSpec> params() {
        return List.of(ParamSpec.file("file", "current-clamp recording (.abf, .dat, .wcp, .atf, .csv, .tsv, .nwb)"),
                RecordingParams.series(),
                ParamSpec.string("model", "hh-squid", "built-in model (" + String.join(", ",
                        org.patchpinn.model.BuiltinModels.NAMES) + ") or model file"),
                new ParamSpec("method", ParamType.CHOICE, "classic", false, "fit method",
                        Double.NaN, Double.NaN, FitMethods.names()),
                ParamSpec.string("fit", "", "parameters to fit, e.g. gNa,gK,gL,ENa,EK,EL (empty: those not "
                        + "marked fixed in the model)"),
                ParamSpec.string("values", "", "parameter values to set first, e.g. Cm=120,EK=-90 (known or "
                        + "starting values)"),
                ParamSpec.string("sweeps", "", "sweeps to fit jointly, e.g. 0,2-3 (empty: all but the held-out)"),
                ParamSpec.string("holdout", "auto", "sweeps held out for validation, e.g. 1; 'auto': the last "
                        + "sweep when there are 3 or more; 'none'"),
                ParamSpec.integer("seed", 1, 0, Integer.MAX_VALUE, "random seed"),
                ParamSpec.integer("starts", 1, 1, 50, "starts of the global search (the first from the model's "
                        + "values, others random)"),
                ParamSpec.integer("max_evaluations", 2000, 10, 1_000_000, "budget of the global search per start "
                        + "(classic: CMA-ES evaluations)"),
                ParamSpec.bool("ci", true, "compute 95% confidence intervals"),
                ParamSpec.choice("latent", "auto", "new states to learn (hybrid, pinn): 0, 1, 2, or auto = choose "
                        + "among 0-2 on the held-out sweeps; classic ignores auto", "auto", "0", "1", "2"),
                ParamSpec.choice("device", "auto", "device for methods that train networks", "auto", "cpu", "gpu"),
                ParamSpec.string("options", "", "method-specific options, e.g. steps=300,refine_evals=500 "
                        + "(hybrid, pinn)"),
                ParamSpec.outDir(false));
    }

    @Override public OperationResult run(ParamValues values, Progress progress) {
        long t0 = System.nanoTime();
        long cpu0 = cpuNanos();
        Recording r = RecordingParams.open(values, "file", progress);
        ModelSpec model = ModelParams.withValues(ModelParams.model(values, "model"), values, "values");
        if (!values.string("fit").isBlank()) {
            model = model.withFree(ModelParams.names(model, values.string("fit"), "fit"));
        }
        List<Integer> holdout = holdout(values, r);
        List<Integer> sweeps = values.indices("sweeps");
        if (sweeps.isEmpty()) {
            sweeps = new ArrayList<>();
            for (int k = 0; k < r.sweepCount(); k++) {
                if (!holdout.contains(k)) {
                    sweeps.add(k);
                }
            }
        }
        for (int k : sweeps) {
            if (holdout.contains(k)) {
                throw new InvalidParameterException("holdout", "sweep " + k + " is both fitted and held out");
            }
        }
        if (sweeps.isEmpty()) {
            throw new InvalidParameterException("sweeps", "no sweep left to fit");
        }
        FitMethod method = FitMethods.get(values.string("method"));
        Map<String, String> options = new LinkedHashMap<>(ModelParams.options(values.string("options"), "options"));
        String latent = values.string("latent");
        if (method instanceof NewStateFitMethod) {
            if (options.containsKey(NewStateFitMethod.LATENT)) {
                throw new InvalidParameterException("options", "give the number of new states with the latent "
                        + "parameter, not as an option");
            }
            options.put(NewStateFitMethod.LATENT, latent);
            if (!values.string("fit").isBlank()) {
                throw new InvalidParameterException("fit", "methods hybrid and pinn choose what they learn (gNa, gK, "
                        + "gL and the new states' g, E, z∞, τz); leave fit empty");
            }
        } else if (!latent.equals("auto")) {
            throw new InvalidParameterException("latent", "latent " + latent + " applies to methods that learn new "
                    + "states (hybrid, pinn), not to " + method.name());
        }
        FitSettings settings = new FitSettings(values.integer("seed"), values.integer("starts"),
                values.integer("max_evaluations"), values.bool("ci"), values.string("device"), options);
        List<FitSweep> fitSweeps = FitData.sweeps(r, sweeps);
        List<FitSweep> holdSweeps = FitData.sweeps(r, holdout);
        FitProblem problem = new FitProblem(model, fitSweeps, holdSweeps, settings);
        progress.status("fit (" + method.name() + "): " + r.name() + ", sweeps " + sweeps + ", held out " + holdout);
        FitOutcome outcome = method.fit(problem, progress.range(0, 0.9));
        progress.status("validating the fitted model");
        List<SweepValidation> validation = Validation.evaluate(outcome.fitted(), fitSweeps, holdSweeps,
                progress.range(0.9, 1));
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = (cpuNanos() - cpu0) / 1e9;
        return report(r, model, method, sweeps, holdout, outcome, validation, values, wall, cpu);
    }

    private static List<Integer> holdout(ParamValues values, Recording r) {
        String h = values.string("holdout").trim();
        if (h.equalsIgnoreCase("none") || h.isEmpty()) {
            return List.of();
        }
        if (h.equalsIgnoreCase("auto")) {
            return r.sweepCount() >= 3 ? List.of(r.sweepCount() - 1) : List.of();
        }
        return values.indices("holdout");
    }

    private static OperationResult report(Recording r, ModelSpec model, FitMethod method, List<Integer> sweeps,
                                          List<Integer> holdout, FitOutcome outcome,
                                          List<SweepValidation> validation, ParamValues values, double wall,
                                          double cpu) {
        ModelSpec fitted = outcome.fitted();
        JsonObject json = new JsonObject();
        json.addProperty("file", r.name());
        json.addProperty("model", model.name());
        json.addProperty("method", method.name());
        json.add("fit_sweeps", Json.toTree(sweeps));
        json.add("holdout_sweeps", Json.toTree(holdout));
        JsonObject params = new JsonObject();
        Table pt = new Table("PatchPINN Fit Parameters");
        for (ParameterEstimate e : outcome.estimates()) {
            JsonObject p = new JsonObject();
            p.add("value", Json.number(e.value()));
            p.addProperty("unit", e.unit());
            JsonArray ci = new JsonArray();
            ci.add(Json.number(e.ci95Low()));
            ci.add(Json.number(e.ci95High()));
            p.add("ci95", ci);
            p.addProperty("fixed", e.fixed());
            params.add(e.name(), p);
            pt.addRow().set("parameter", e.name()).set("unit", e.unit()).set("value", e.value())
                    .set("ci95_low", e.ci95Low()).set("ci95_high", e.ci95High()).set("fixed", e.fixed() ? "yes" : "no");
        }
        json.add("parameters", params);
        // methods that learn new states (hybrid, pinn) report them at the top level (moved, not copied: the
        // tabulated functions are long)
        for (String key : List.of("latent", "selection")) {
            if (outcome.diagnostics() != null && outcome.diagnostics().has(key)) {
                json.add(key, outcome.diagnostics().remove(key));
            }
        }
        json.add("validation", Validation.json(validation));
        json.add("diagnostics", outcome.diagnostics());
        JsonObject timing = new JsonObject();
        timing.add("wall_s", Json.number(wall));
        timing.add("process_cpu_s", Json.number(cpu));
        timing.addProperty("cores", Runtime.getRuntime().availableProcessors());
        json.add("timing", timing);
        json.add("params", Json.toTree(values.asMap()));

        Table vt = new Table("PatchPINN Fit Validation");
        for (SweepValidation v : validation) {
            Table.Row row = vt.addRow().set("sweep", v.sweep().index()).set("role", v.heldOut() ? "holdout" : "fit")
                    .set("RMSE (mV)", v.rmseMv()).set("gamma", v.gamma()).set("spikes data", v.dataSpikes())
                    .set("spikes model", v.modelSpikes());
            for (String f : Validation.FEATURES) {
                String unit = org.patchpinn.features.SweepFeatures.unitOf(f);
                String suffix = unit == null || unit.isEmpty() ? "" : " (" + unit + ")";
                row.set(f + " data" + suffix, v.dataFeatures().get(f));
                row.set(f + " model" + suffix, v.modelFeatures().get(f));
            }
        }
        String summary = String.format(Locale.ROOT, "%s: %s fit of %s in %.1f s; held-out Γ %.2f, RMSE %.2f mV",
                r.name(), method.name(), model.name(), wall, Validation.meanGamma(validation, true),
                Validation.rmse(validation, true));
        OperationResult result = new OperationResult(json, summary);
        result.table(pt, "parameters.csv");
        result.table(vt, "validation.csv");
        result.fileTable(states(validation), "states.csv");
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

    /** Long table: one row per sample of every sweep with data V, model V, gates and currents. */
    static Table states(List<SweepValidation> validation) {
        Table t = new Table("PatchPINN Fit States");
        for (SweepValidation v : validation) {
            double dt = v.sweep().dtMs();
            double[] d = v.sweep().vMv();
            double[] m = v.model().v();
            Map<String, double[]> gates = new LinkedHashMap<>(v.model().gates());
            Map<String, double[]> currents = new LinkedHashMap<>(v.model().currents());
            for (int i = 0; i < d.length; i++) {
                Table.Row row = t.addRow().set("sweep", v.sweep().index()).set("time (ms)", i * dt)
                        .set("data V (mV)", d[i]).set("model V (mV)", m[i]);
                int k = i;
                gates.forEach((g, x) -> row.set(g + " (1)", x[k]));
                currents.forEach((c, x) -> row.set(c + " (pA)", x[k]));
            }
        }
        return t;
    }

    /** "PatchPINN Fit Loss" → "fit_loss.csv". */
    static String fileName(String tableName) {
        return FitOutcome.fileName(tableName);
    }

    private static long cpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean s ? s.getProcessCpuTime() : 0;
    }
}
