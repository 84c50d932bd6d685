package org.patchpinn.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchpinn.symbolic.FormLawFinder;
import org.patchpinn.io.AtfWriter;
import org.patchpinn.io.Recordings;
import org.patchpinn.op.CompareOperation;
import org.patchpinn.op.OperationResult;
import org.patchpinn.op.ParamValues;
import org.patchpinn.report.OutputFolder;
import org.patchpinn.task.CancelledException;
import org.patchpinn.task.Progress;
import org.patchpinn.trace.Recording;

/** The batch on real files: bad rows reported, the rest analysed, results saved and resumed, cancellation. */
class CompareBatchTest {
    @TempDir
    Path dir;
    Path manifest;
    Path out;
    final Map<Path, AtomicInteger> loads = new ConcurrentHashMap<>();

    @BeforeEach
    void writeRecordings() throws Exception {
        List<String> lines = new ArrayList<>(List.of("file,glucose_mM,cell,minutes"));
        double[] levels = {0.5, 2, 8};
        for (int c = 0; c < 2; c++) {
            for (int k = 0; k < levels.length; k++) {
                String name = "cell" + c + "_G" + levels[k] + ".atf";
                write(SyntheticCell.at(c, levels[k]).record(new double[] {-80, 30}, 300, 0.3, 10L * c + k), name);
                lines.add(name + "," + levels[k] + "," + c + "," + (10 + k));
            }
        }
        write(SyntheticCell.at(2, 4).record(new double[] {-80, 30}, 300, 0.3, 99), "single_G4.atf");
        lines.add("single_G4.atf,4,2,5");
        lines.add("missing.atf,2,1,5");
        Files.writeString(dir.resolve("corrupt.atf"), "ATF\t1.0\nthis is not a recording\n");
        lines.add("corrupt.atf,2,0,5");
        manifest = Files.write(dir.resolve("manifest.csv"), lines);
        out = dir.resolve("out");
    }

    private void write(Recording r, String name) throws Exception {
        try (OutputStream o = Files.newOutputStream(dir.resolve(name))) {
            AtfWriter.write(r, o);
        }
    }

    private ConditionComparison comparison(SubthresholdSettings s) {
        Function<Path, Recording> counting = p -> {
            // count the batch's analyses only (its worker threads), not the held-out simulation's re-reads
            if (Thread.currentThread().getName().equals("patchpinn-compare")) {
                loads.computeIfAbsent(p.getFileName(), k -> new AtomicInteger()).incrementAndGet();
            }
            return Recordings.open(p);
        };
        return new ConditionComparison(new ComparisonSettings("glucose_mM", 2, 200, 1000, 0.05, 1, s), counting,
                List.of(), new StepFeatureExtractor(), new FormLawFinder());
    }

    private static RecordingRow row(ComparisonResult r, String file) {
        return r.rows().stream().filter(x -> x.entry().name().equals(file)).findFirst().orElseThrow();
    }

    @Test
    void badRecordingsAreReportedAndTheRestAnalysedSavedAndResumed() throws Exception {
        ComparisonResult first = comparison(SubthresholdSettings.DEFAULT).run(manifest, out, Progress.NONE);
        assertEquals(9, first.rows().size());
        assertEquals(7, first.okRows().size());
        RecordingRow missing = row(first, "missing.atf");
        assertEquals(RecordingResult.Status.EXCLUDED, missing.result().status());
        assertTrue(missing.result().message().contains("file not found"));
        RecordingRow corrupt = row(first, "corrupt.atf");
        assertEquals(RecordingResult.Status.FAILED, corrupt.result().status());
        assertFalse(corrupt.result().message().isBlank());
        assertTrue(first.warnings().stream().anyMatch(w -> w.contains("glucose_mM = 4 has only one recording")));
        assertTrue(Files.isRegularFile(out.resolve("per_recording/cell0_G0.5.atf.json")));
        assertTrue(Files.isRegularFile(out.resolve("per_recording/corrupt.atf.json")));
        assertFalse(Files.exists(out.resolve("per_recording/missing.atf.json")));
        assertTrue(first.decomposition() != null, first.warnings().toString());
        assertEquals(1, first.perCondition().get(4.0).get("g_lin").n());
        assertTrue(Double.isNaN(first.perCondition().get(4.0).get("g_lin").sem()));
        assertEquals(2, first.perCondition().get(0.5).get("gX").n());
        assertTrue(first.changes().stream().anyMatch(c -> c.name().equals("E_lin") && c.effect() > 0));
        assertEquals(1, first.covariateEffects().size(), "the numeric covariate 'minutes' is tested");
        assertEquals("gX residual vs minutes", first.covariateEffects().get(0).name());

        // second run: nothing is analysed again except the recording that failed
        loads.clear();
        ComparisonResult second = comparison(SubthresholdSettings.DEFAULT).run(manifest, out, Progress.NONE);
        assertEquals(7, second.okRows().stream().filter(r -> r.result().resumed()).count());
        assertEquals(Map.of("corrupt.atf", 1), counts());
        assertEquals(first.okRows().get(0).value("g_lin"), second.okRows().get(0).value("g_lin"), 1e-12);

        // the resume key is the content (SHA-256): a file only touched is still resumed ...
        Path changed = dir.resolve("cell1_G2.0.atf");
        Files.setLastModifiedTime(changed, FileTime.fromMillis(Files.getLastModifiedTime(changed).toMillis() + 5000));
        loads.clear();
        comparison(SubthresholdSettings.DEFAULT).run(manifest, out, Progress.NONE);
        assertEquals(Map.of("corrupt.atf", 1), counts());
        // ... and a file with new content is analysed again, the others still resumed
        write(SyntheticCell.at(1, 2).record(new double[] {-80, 30}, 300, 0.3, 77), "cell1_G2.0.atf");
        loads.clear();
        comparison(SubthresholdSettings.DEFAULT).run(manifest, out, Progress.NONE);
        assertEquals(Map.of("corrupt.atf", 1, "cell1_G2.0.atf", 1), counts());

        // other settings: everything is analysed again
        loads.clear();
        comparison(new SubthresholdSettings(2.5, -55, 3, SubthresholdStructure.DEFAULT)).run(manifest, out, Progress.NONE);
        assertEquals(8, counts().size());
    }

    private Map<String, Integer> counts() {
        Map<String, Integer> m = new java.util.TreeMap<>();
        loads.forEach((k, v) -> m.put(k.toString(), v.get()));
        return m;
    }

    @Test
    void cancellingStopsTheBatch() {
        Progress cancelled = new Progress() {
            @Override public void status(String message) { }
            @Override public void fraction(double done) { }
            @Override public boolean isCancelled() { return true; }
        };
        assertThrows(CancelledException.class,
                () -> comparison(SubthresholdSettings.DEFAULT).run(manifest, out, cancelled));
    }

    @Test
    void theOperationWritesResultTablesModelAndPlots() throws Exception {
        CompareOperation op = new CompareOperation();
        OperationResult r = op.run(ParamValues.of(op.params(), "manifest", manifest.toString(), "out", out.toString(),
                "threads", "2", "bootstrap", "100", "permutations", "500", "laws", "candidates", "method", "off"), Progress.NONE);
        r.writeTo(new OutputFolder(out));
        JsonObject j = JsonParser.parseString(Files.readString(out.resolve("result.json"))).getAsJsonObject();
        assertEquals(4, j.getAsJsonArray("conditions").size());
        JsonObject c0 = j.getAsJsonArray("conditions").get(0).getAsJsonObject();
        assertEquals(0.5, c0.get("value").getAsDouble());
        assertEquals(2, c0.get("n").getAsInt());
        assertTrue(c0.getAsJsonObject("parameters").getAsJsonObject("g_lin").has("ci95"));
        assertTrue(c0.getAsJsonObject("features").has("resting_potential"));
        assertTrue(j.getAsJsonArray("changes").get(0).getAsJsonObject().has("p"));
        assertEquals("gX (nS)", j.getAsJsonArray("laws").get(0).getAsJsonObject().get("target").getAsString());
        JsonObject x = j.getAsJsonObject("extra_conductance");
        assertTrue(x.get("identified").getAsBoolean(), x.get("not_identified_reason").getAsString());
        assertEquals(-90, x.getAsJsonObject("EX_mV").get("value").getAsDouble(), 5);
        assertEquals(2, j.getAsJsonObject("recordings").get("failed").getAsInt()
                + j.getAsJsonObject("recordings").get("excluded").getAsInt());
        for (String f : List.of("per_recording.csv", "conditions.csv", "changes.csv", "laws.csv",
                "condition_model.json", "model_predictions.csv", "gX_vs_condition.png", "fi_curves.png",
                "resting_potential.png", "validation.csv", "model_glucose_mM_0.5.model")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        String csv = Files.readString(out.resolve("per_recording.csv"));
        assertTrue(csv.contains("file not found") && csv.contains("only recording at glucose_mM = 4"), csv);
        ConditionModel model = ConditionModel.fromJson(JsonParser.parseString(
                Files.readString(out.resolve("condition_model.json"))).getAsJsonObject(),
                SubthresholdStructure.DEFAULT.spec());
        assertTrue(model.restingPotential(0.5) < model.restingPotential(8), "low glucose hyperpolarises");
        // the model file at one level is a valid model of the project's format with the extra current
        org.patchpinn.model.ModelSpec at = org.patchpinn.model.ModelFileParser.parse(
                Files.readString(out.resolve("model_glucose_mM_0.5.model")), "model_glucose_mM_0.5.model");
        assertEquals(model.gx().value(0.5), at.values()[at.indexOf("gX")], 1e-6);
        assertTrue(j.getAsJsonObject("held_out_simulation").get("sweeps").getAsInt() > 0);
    }

    @Test
    void aControlSeriesReportsTheDecompositionAsNotIdentified() throws Exception {
        // 3 cells × 3 levels recorded with the membrane of level 2 at every level: glucose changes nothing
        List<String> lines = new ArrayList<>(List.of("file,glucose_mM,cell"));
        double[] levels = {0.5, 2, 8};
        for (int c = 0; c < 3; c++) {
            for (int k = 0; k < levels.length; k++) {
                String name = "control" + c + "_G" + levels[k] + ".atf";
                write(SyntheticCell.at(c, 2).record(new double[] {-80, 30}, 300, 0.3, 50L + 10L * c + k), name);
                lines.add(name + "," + levels[k] + "," + c);
            }
        }
        Path control = Files.write(dir.resolve("control.csv"), lines);
        CompareOperation op = new CompareOperation();
        OperationResult r = op.run(ParamValues.of(op.params(), "manifest", control.toString(), "out", out.toString(),
                "threads", "2", "bootstrap", "50", "permutations", "200", "laws", "candidates", "method", "off"),
                Progress.NONE);
        r.writeTo(new OutputFolder(out));
        JsonObject x = JsonParser.parseString(Files.readString(out.resolve("result.json"))).getAsJsonObject()
                .getAsJsonObject("extra_conductance");
        assertFalse(x.get("identified").getAsBoolean(), x.toString());
        assertFalse(x.get("not_identified_reason").getAsString().isBlank());
        assertTrue(x.getAsJsonObject("EX_mV").get("value").isJsonNull(), x.toString());
        assertTrue(x.getAsJsonArray("cells").get(0).getAsJsonObject().getAsJsonObject("EL_mV").get("value")
                .isJsonNull());
        String laws = Files.readString(out.resolve("laws.csv"));
        assertTrue(laws.contains("not identified") && laws.contains("NOT IDENTIFIED"), laws);
        assertFalse(Files.exists(out.resolve("condition_model.json")), "no model from an unidentified split");
        assertFalse(r.summary().contains("EX"), r.summary());
    }

    @Test
    void theCommandLineRunsTheVerbAndReportsAnUnknownColumn() throws Exception {
        java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream e = new java.io.ByteArrayOutputStream();
        int rc = org.patchpinn.cli.Main.run(new String[] {"compare", manifest.toString(), "--out", out.toString(),
                "--threads", "2", "--bootstrap", "50", "--permutations", "200", "--laws", "candidates", "--method", "off"}, new java.io.PrintStream(o),
                new java.io.PrintStream(e), new org.patchpinn.task.CancelFlag());
        assertEquals(0, rc, e.toString());
        assertTrue(Files.isRegularFile(out.resolve("result.json")));
        e.reset();
        rc = org.patchpinn.cli.Main.run(new String[] {"compare", manifest.toString(), "--condition", "glucose",
                "--out", out.toString()}, new java.io.PrintStream(o), new java.io.PrintStream(e),
                new org.patchpinn.task.CancelFlag());
        assertTrue(rc != 0);
        assertTrue(e.toString().contains("unknown column 'glucose'") && e.toString().contains("glucose_mM"),
                e.toString());
    }
}
