package org.patchpinn.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's plan on the bundled test-data (the steps themselves are not run here: minutes). */
class DemoOperationTest {

    @Test
    void planCoversRecordingsComparisonAndSymbolicRegression() {
        Path data = Path.of("test-data");
        List<DemoOperation.Step> steps = DemoOperation.plan(data);
        // top-level recordings only: the glucose folder's files belong to the compare step
        for (DemoOperation.Step s : steps) {
            if (s.verb().equals("info") || s.verb().equals("features")) {
                assertEquals(data, Path.of(s.options().get("file")).getParent(), s.toString());
            }
        }
        assertEquals(2, steps.stream().filter(s -> s.verb().equals("info")).count());
        assertEquals(2, steps.stream().filter(s -> s.verb().equals("fit")).count());
        DemoOperation.Step learn = steps.stream().filter(s -> s.folder().equals("learn/rs_adapting_steps"))
                .findFirst().orElseThrow();
        assertEquals("hybrid", learn.options().get("method"));
        assertEquals("1", learn.options().get("latent"));
        // symbolic regression of both learned functions reads the hybrid fit's learned.csv, after it
        for (String y : List.of("z_inf", "tau_z")) {
            int at = indexOf(steps, "learn/rs_adapting_steps/sr_" + y);
            assertTrue(at > steps.indexOf(learn), y);
            assertEquals(Path.of("demo-out/learn/rs_adapting_steps/learned.csv"),
                    Path.of(steps.get(at).options().get("file")));
            assertEquals(y, steps.get(at).options().get("y"));
        }

        DemoOperation.Step compare = only(steps, "compare");
        assertEquals("compare", compare.folder());
        assertEquals(data.resolve("glucose/manifest.csv"), Path.of(compare.options().get("manifest")));
        assertEquals("off", compare.options().get("method"));

        DemoOperation.Step sr = steps.get(indexOf(steps, "sr/boltzmann_demo"));
        assertEquals("sr/boltzmann_demo", sr.folder());
        assertEquals(data.resolve("sr/boltzmann_demo.csv"), Path.of(sr.options().get("file")));
        assertTrue(Double.parseDouble(sr.options().get("max_time_s")) <= 20);

        // every step's options are valid for its verb, exactly as the demo passes them (steps reading what
        // an earlier step writes are checked above: their input does not exist yet)
        for (DemoOperation.Step s : steps) {
            if (s.options().getOrDefault("file", "").startsWith("demo-out")) {
                continue;
            }
            Operation op = Operations.byVerb(s.verb()).orElseThrow();
            Map<String, String> options = new LinkedHashMap<>(s.options());
            options.put("out", "/tmp/unused");
            new ParamValues(op.params(), options);
        }
    }

    @Test
    void foldersWithoutManifestOrTablesGiveOnlyRecordingSteps(@TempDir Path dir) throws Exception {
        Files.copy(Path.of("test-data/rs_adapting_steps.atf"), dir.resolve("x.atf"));
        List<DemoOperation.Step> steps = DemoOperation.plan(dir);
        assertEquals(List.of("info", "features"), steps.stream().map(DemoOperation.Step::verb).toList());
        assertFalse(steps.stream().anyMatch(s -> s.verb().equals("compare") || s.verb().equals("sr")));
    }

    /** The demo's compare step on the bundled glucose set finds the extra K conductance it was made with. */
    @Test
    void compareStepRecoversTheBundledGlucoseEffect(@TempDir Path out) {
        DemoOperation.Step step = only(DemoOperation.plan(Path.of("test-data")), "compare");
        Operation op = Operations.byVerb("compare").orElseThrow();
        Map<String, String> options = new LinkedHashMap<>(step.options());
        options.put("out", out.toString());
        options.put("bootstrap", "200");
        options.put("threads", "2");
        OperationResult r = op.run(new ParamValues(op.params(), options), org.patchpinn.task.Progress.NONE);
        var json = r.json();
        assertEquals(6, json.getAsJsonObject("recordings").get("ok").getAsInt());
        var extra = json.getAsJsonObject("extra_conductance");
        double ex = extra.getAsJsonObject("EX_mV").get("value").getAsDouble();
        assertEquals(-90, ex, 5, "EX");
        var levels = extra.getAsJsonArray("per_condition");
        double low = levels.get(0).getAsJsonObject().getAsJsonObject("gX_nS").get("mean").getAsDouble();
        double high = levels.get(levels.size() - 1).getAsJsonObject().getAsJsonObject("gX_nS").get("mean")
                .getAsDouble();
        // truth: gX(0.5 mM) - gX(10 mM) = 4.50 - 0.11 nS
        assertEquals(4.39, low - high, 0.5, "gX drop from 0.5 to 10 mM");
        // 2 cells × 3 levels: no within-cell trend can reach p < 0.05 (2/36 orderings); the output says so and
        // still reports effects with intervals
        var design = json.getAsJsonObject("design");
        assertEquals(2.0 / 36, design.get("smallest_attainable_p").getAsDouble(), 1e-9);
        assertTrue(design.get("warning").getAsString().contains("cannot detect a within-cell trend"), design.toString());
        var gx = java.util.stream.StreamSupport.stream(json.getAsJsonArray("changes").spliterator(), false)
                .map(c -> c.getAsJsonObject()).filter(c -> c.get("name").getAsString().equals("gX")).findFirst()
                .orElseThrow();
        assertTrue(gx.get("effect").getAsDouble() < -3, gx.toString());
        assertTrue(gx.getAsJsonArray("effect_ci95").get(1).getAsDouble() < 0, gx.toString());
    }

    private static DemoOperation.Step only(List<DemoOperation.Step> steps, String verb) {
        List<DemoOperation.Step> found = steps.stream().filter(s -> s.verb().equals(verb)).toList();
        assertEquals(1, found.size(), verb + " steps: " + found);
        return found.get(0);
    }

    private static int indexOf(List<DemoOperation.Step> steps, String folder) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).folder().equals(folder)) {
                return i;
            }
        }
        throw new AssertionError("no demo step writing " + folder);
    }
}
