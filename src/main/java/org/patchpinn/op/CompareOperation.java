package org.patchpinn.op;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.patchpinn.InvalidParameterException;
import org.patchpinn.batch.BatchEngine;
import org.patchpinn.batch.BatchEngines;
import org.patchpinn.batch.InputLocation;
import org.patchpinn.compare.AnalyzerRecipe;
import org.patchpinn.compare.BatchRunner;
import org.patchpinn.compare.ComparisonCharts;
import org.patchpinn.compare.ComparisonReport;
import org.patchpinn.compare.ComparisonResult;
import org.patchpinn.compare.ComparisonSettings;
import org.patchpinn.compare.ConditionComparison;
import org.patchpinn.compare.EfelFeatureExtractor;
import org.patchpinn.compare.Mechanism;
import org.patchpinn.compare.MechanismComparison;
import org.patchpinn.compare.ModelRecordingFitter;
import org.patchpinn.compare.RecordingAnalyzer;
import org.patchpinn.compare.RecordingFitter;
import org.patchpinn.compare.ResultStore;
import org.patchpinn.compare.SubthresholdSettings;
import org.patchpinn.compare.SubthresholdStructure;
import org.patchpinn.compare.TrendChange;
import org.patchpinn.fit.FitMethod;
import org.patchpinn.fit.FitMethods;
import org.patchpinn.fit.FitSettings;
import org.patchpinn.fit.NewStateFitMethod;
import org.patchpinn.io.Recordings;
import org.patchpinn.model.BuiltinModels;
import org.patchpinn.model.ModelFileWriter;
import org.patchpinn.model.ModelSpec;
import org.patchpinn.report.CompareResultJson;
import org.patchpinn.report.Json;
import org.patchpinn.report.Table;
import org.patchpinn.symbolic.FormLawFinder;
import org.patchpinn.symbolic.Law;
import org.patchpinn.symbolic.LawFinder;
import org.patchpinn.symbolic.SearchSettings;
import org.patchpinn.symbolic.SymbolicLawFinder;
import org.patchpinn.task.Progress;

/** Compare Conditions: fits a manifest of recordings and derives how the model depends on the condition. */
public final class CompareOperation extends BasicOperation {
    /** Time cap of one symbolic search: a handful of changing quantities then take a few minutes. */
    static final double SYMBOLIC_SECONDS = 20;
    /**
     * Default CMA-ES budget per stage of each recording's staged fit: half the fit verb's. The staged fit spends its
     * whole budget in each stage (restarts), ~12 ms of CPU per evaluation on two 500 ms sweeps, and compare fits
     * every recording of a series; the comparison reads differences between recordings of the same cell fitted the
     * same way (public glucose set at 1000: the extra conductance still ranks first; GlucoseMechanismBenchmark).
     */
    static final int MAX_EVALUATIONS = 1000;

    public CompareOperation() {
        super("compare", "Compare Conditions",
                "Reads a manifest CSV (columns file, the condition column, cell, any covariates; files relative "
                + "to the manifest), fits every recording with one shared model structure on all cores (each "
                + "result saved in OUT/per_recording as it finishes; a re-run resumes), separates each cell's "
                + "leak from a condition-dependent extra conductance, reports per-condition mean, s.e.m. and "
                + "bootstrap 95 % CI of every parameter and feature, a within-cell trend test for each, laws for "
                + "what changes, and condition_model.json.");
    }

    /** Each recording's result is saved under per_recording/ as soon as it is done (resume). */
    @Override public boolean savesAsItGoes() {
        return true;
    }

    @Override public List<ParamSpec> params() {
        return List.of(ParamSpec.file("manifest", "manifest CSV: file, condition column, cell, covariates"),
                ParamSpec.string("condition", "glucose_mM", "name of the condition column"),
                new ParamSpec("folder", ParamType.DIR, "", false, "folder the manifest's file names are relative to "
                        + "(default: the manifest's folder)", Double.NaN, Double.NaN, List.of()),
                ParamSpec.outDir(false),
                ParamSpec.integer("threads", 0, 0, 1024, "worker threads (0: all cores)"),
                ParamSpec.integer("bootstrap", 1000, 0, 100000, "bootstrap resamples for intervals"),
                ParamSpec.integer("permutations", 10000, 100, 1000000, "permutations of the trend test"),
                ParamSpec.number("alpha", 0.05, 1e-6, 0.5, "family-wise level (Holm) for 'changes'"),
                new ParamSpec("ex_mv", ParamType.DOUBLE, "", false, "reversal of the extra conductance if known "
                        + "(mV, e.g. EK); empty: fitted", -150, 50, List.of()),
                ParamSpec.string("model", "traub-rs-m", "model fitted to every recording: built-in ("
                        + String.join(", ", BuiltinModels.NAMES) + ") or model file; also the structure of the "
                        + "subthreshold analysis (its leak and slow current) and of the condition model"),
                ParamSpec.choice("method", "classic", "fit method run per recording, as the fit verb runs it (same "
                        + "sweep roles); off: only the subthreshold analysis and features", "off", "classic", "hybrid",
                        "pinn"),
                ParamSpec.string("fit", "", "parameters fitted per recording (empty: those not fixed in the model; "
                        + "reversal potentials may be free); Cm starts from each recording's subthreshold fit unless "
                        + "given in values"),
                ParamSpec.string("values", "", "parameter values to set first, e.g. EK=-90,Cm=120"),
                ParamSpec.integer("max_evaluations", MAX_EVALUATIONS, 10, 1_000_000, "budget of each recording's "
                        + "global search (classic: CMA-ES evaluations per stage; half fit's default, so a series of "
                        + "15 recordings takes minutes)"),
                ParamSpec.string("options", "", "method-specific options, e.g. steps=300 (hybrid, pinn)"),
                ParamSpec.choice("laws", "symbolic", "how laws are found: symbolic regression, or a few candidate "
                        + "forms (constant, linear, exponential, Hill; fast)", "symbolic", "candidates"),
                ParamSpec.integer("seed", 1, 0, Integer.MAX_VALUE, "random seed (results are reproducible)"),
                ParamSpec.bool("resume", true, "reuse saved per-recording results whose file and settings match"),
                ParamSpec.choice("engine", "local", "where the per-recording stage runs: this JVM's threads, or "
                        + "Apache Spark (statistics and laws always run here)", "local", "spark"),
                ParamSpec.string("master", "", "Spark master for --engine spark: local[2], spark://host:7077, yarn "
                        + "(empty: spark-submit's, else local[*])"));
    }

    @Override public OperationResult run(ParamValues values, Progress progress) {
        ComparisonSettings settings = settings(values);
        Path out = values.path("out");
        String folder = values.isSet("folder") ? values.string("folder") : null;
        Path localFolder = folder == null ? null : InputLocation.localPath(folder);
        if (localFolder != null && !Files.isDirectory(localFolder)) {
            throw new InvalidParameterException("folder", "no such folder: " + folder);
        }
        if (out != null && !values.bool("resume")) {
            deleteSaved(out);
        }
        ComparisonResult c;
        try (BatchEngine engine = BatchEngines.create(values.string("engine"), values.string("master"),
                settings.threads(), BatchRunner.THREAD_NAME)) {
            progress.status("per-recording stage on " + engine.describe());
            c = comparison(values, settings).withEngine(engine, new Recipe(values.asMap()))
                    .run(values.string("manifest"), localFolder != null ? localFolder.toString() : folder, out,
                            progress);
            try {
                if (out != null && engine.writeParquet(ComparisonReport.recordings(c),
                        out.resolve("per_recording.parquet").toString())) {
                    progress.log("wrote " + out.resolve("per_recording.parquet"));
                }
            } catch (RuntimeException e) {
                progress.log("per_recording.parquet not written (per_recording.csv is): " + e.getMessage());
            }
        }
        return report(c, settings, values);
    }

    /** The comparison these parameters describe (also what an executor rebuilds from the {@link Recipe}). */
    static ConditionComparison comparison(ParamValues values, ComparisonSettings settings) {
        LawFinder laws = values.string("laws").equals("symbolic") ? symbolic(settings) : new FormLawFinder();
        List<RecordingFitter> extra = new ArrayList<>();
        if (!values.string("method").equals("off")) {
            extra.add(modelFitter(values, settings));
        }
        return new ConditionComparison(settings, Recordings::open, extra, new EfelFeatureExtractor(), laws);
    }

    private static ComparisonSettings settings(ParamValues values) {
        return new ComparisonSettings(values.string("condition").trim(),
                values.integer("threads"), values.integer("bootstrap"), values.integer("permutations"),
                values.number("alpha"), values.integer("seed"), SubthresholdSettings.DEFAULT.withStructure(
                structure(values)), values.number("ex_mv"));
    }

    /**
     * The subthreshold analysis's structure: the model the per-recording fits use (with --values), so its slow
     * gate, reversal and leak are the ones the fits and the condition model share.
     */
    private static SubthresholdStructure structure(ParamValues values) {
        ModelSpec model = ModelParams.withValues(ModelParams.model(values, "model"), values, "values");
        try {
            return SubthresholdStructure.of(model);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("model", e.getMessage());
        }
    }

    /**
     * The per-recording analyser rebuilt from the verb's parameters on a Spark executor; the driver's paths
     * (manifest, folder, out) stay behind, an executor need not see them.
     */
    record Recipe(Map<String, String> parameters) implements AnalyzerRecipe {
        private static final Set<String> DRIVER_ONLY = Set.of("manifest", "folder", "out");

        Recipe {
            Map<String, String> kept = new HashMap<>(parameters);
            kept.keySet().removeAll(DRIVER_ONLY);
            parameters = Map.copyOf(kept);
        }

        @Override
        public RecordingAnalyzer build() {
            ParamValues values = new ParamValues(new CompareOperation().params().stream()
                    .filter(p -> !DRIVER_ONLY.contains(p.key())).toList(), parameters);
            return comparison(values, settings(values)).analyzer();
        }
    }

    private static OperationResult report(ComparisonResult c, ComparisonSettings settings, ParamValues values) {
        long ok = c.okRows().size();
        long changed = c.changes().stream().filter(TrendChange::significant).count();
        String summary = ok + "/" + c.rows().size() + " recordings analysed, " + changed + " quantities change with "
                + settings.conditionColumn() + (c.mechanisms() == null ? "" : "; " + c.mechanisms().verdict())
                + (c.decomposition() == null || !c.decomposition().identified() || !extraConductanceIsTheCause(c) ? ""
                : "; extra conductance " + c.decomposition().law().expression("G") + " nS, EX "
                + String.format(Locale.ROOT, "%.1f mV", c.decomposition().ex().value()));
        OperationResult r = new OperationResult(CompareResultJson.of(c, values.asMap()), summary);
        r.table(ComparisonReport.recordings(c), "per_recording.csv");
        r.table(ComparisonReport.conditions(c), "conditions.csv");
        r.table(ComparisonReport.changes(c), "changes.csv");
        r.table(ComparisonReport.laws(c), "laws.csv");
        if (c.mechanisms() != null) {
            r.table(ComparisonReport.mechanisms(c), "mechanisms.csv");
            MechanismComparison.Ranked w = c.mechanisms().winner();
            if (w != null) {
                for (double level : w.perLevel().keySet()) {
                    ModelSpec m = MechanismComparison.levelModel(
                            c.mechanisms(), w, level);
                    if (m.isWritable()) {
                        r.textFile("mechanism_" + settings.conditionColumn().replaceAll("[^A-Za-z0-9_.-]", "_")
                                + "_" + level + ".model", ModelFileWriter.write(m.withName(
                                m.name() + "-" + level, "condition-level model: " + w.mechanism().name()
                                + " at " + settings.conditionColumn() + " " + level)));
                    }
                }
            }
        }
        if (c.model() != null) {
            Table predictions = ComparisonReport.modelPredictions(c);
            r.fileTable(predictions, "model_predictions.csv");
            r.fileChart(ComparisonCharts.modelRates(c, predictions), "model_rates.png");
            r.textFile("condition_model.json", Json.toJson(c.model().toJson()) + "\n");
            for (double level : c.perCondition().keySet()) {
                r.textFile("model_" + settings.conditionColumn().replaceAll("[^A-Za-z0-9_.-]", "_") + "_"
                        + level + ".model", ModelFileWriter.write(c.model().spec(level)));
            }
        }
        if (!c.heldOutSimulation().isEmpty()) {
            r.table(ComparisonReport.validationTable(c), "validation.csv");
        }
        if (!c.okRows().isEmpty()) {
            charts(c, r);
        }
        return r;
    }

    /**
     * The leak / extra-conductance decomposition always yields some gX(G); it is named as the cause only when
     * the mechanism comparison ranks the extra conductance first (or could not run).
     */
    static boolean extraConductanceIsTheCause(ComparisonResult c) {
        if (c.mechanisms() == null) {
            return true;
        }
        MechanismComparison.Ranked w = c.mechanisms().winner();
        return w != null && w.mechanism().kind().equals(Mechanism.EXTRA);
    }

    /** The per-recording fit of the user's model, set up as the fit verb sets it up. */
    private static ModelRecordingFitter modelFitter(ParamValues values,
                                                                          ComparisonSettings settings) {
        ModelSpec model = ModelParams.withValues(ModelParams.model(values, "model"), values,
                "values");
        List<String> free = values.string("fit").isBlank() ? model.freeParameters()
                : ModelParams.names(model, values.string("fit"), "fit");
        model = model.withFree(free);
        String method = values.string("method");
        Map<String, String> options = new LinkedHashMap<>(
                ModelParams.options(values.string("options"), "options"));
        FitMethod fitMethod = FitMethods.get(method);
        boolean learns = fitMethod instanceof NewStateFitMethod;
        FitMethods.checkOptions(fitMethod, options);
        if (learns) {
            options.putIfAbsent(NewStateFitMethod.LATENT, "auto");
        }
        FitSettings fs = new FitSettings(settings.seed(), 1,
                values.integer("max_evaluations"), false, "auto", options,
                values.string("fit").isBlank() ? Set.of() : Set.copyOf(free));
        // Cm starts from each recording's own subthreshold fit (free or fixed as the model or fit says): step
        // protocols without hyperpolarising steps give the fit no passive estimate of its own. Hybrid and pinn
        // keep the base's Cm (they refuse another).
        boolean cmFromData = !learns
                && !ModelParams.assignments(values.string("values"), "values").containsKey(model.capacitance());
        return new ModelRecordingFitter(model, method, fs, cmFromData, settings.subthreshold());
    }

    /** The project's symbolic regression, time-capped per law. */
    private static LawFinder symbolic(ComparisonSettings settings) {
        SearchSettings d = SearchSettings.defaults(settings.seed());
        return new SymbolicLawFinder(new SearchSettings(d.seed(),
                d.populations(), d.populationSize(), d.generations(), d.maxComplexity(), settings.threads(),
                SYMBOLIC_SECONDS, d.weighting(), d.templates()));
    }

    private static void charts(ComparisonResult c, OperationResult r) {
        if (c.decomposition() != null) {
            Law gx = c.decomposition().identified() ? c.laws().get(0) : null;
            r.chart(ComparisonCharts.quantityVsCondition(c, ConditionComparison.GX, gx,
                    gx == null ? null : c.decomposition().lawBand()),
                    "gX_vs_condition.png");
        }
        for (TrendChange ch : c.changes()) {
            if (ch.significant() && !ch.name().equals(ConditionComparison.GX)) {
                Law law = c.laws().stream().filter(l -> l.target().startsWith(ch.name() + " (")).findFirst()
                        .orElse(null);
                // one file per changing quantity; only the main three plots open as windows in Fiji
                r.fileChart(ComparisonCharts.quantityVsCondition(c, ch.name(), law, null),
                        ch.name().replaceAll("[^A-Za-z0-9_.-]", "_") + "_vs_condition.png");
            }
        }
        r.chart(ComparisonCharts.fiCurves(c), "fi_curves.png");
        r.chart(ComparisonCharts.restingPotential(c), "resting_potential.png");
    }

    private static void deleteSaved(Path out) {
        Path dir = out.resolve(ResultStore.FOLDER);
        try (var files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // no saved results: nothing to forget
        }
    }
}
