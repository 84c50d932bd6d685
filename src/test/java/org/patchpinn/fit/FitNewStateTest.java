package org.patchpinn.fit;

import org.patchpinn.features.SpikeTimes;
import org.patchpinn.testing.CliRunner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.OutputStream;


import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.patchpinn.io.AtfWriter;
import org.patchpinn.model.BuiltinModels;
import org.patchpinn.model.ModelSpec;
import org.patchpinn.pinn.FittedModel;
import org.patchpinn.pinn.KnownModel;
import org.patchpinn.sim.NoiseModel;
import org.patchpinn.sim.Simulator;
import org.patchpinn.sim.Stimuli;
import org.patchpinn.sim.Stimulus;
import org.patchpinn.sim.SyntheticRecording;

import org.patchpinn.trace.Recording;

/** Fit Model with methods hybrid and pinn: learned states become model currents the project simulates. */
class FitNewStateTest {
    @TempDir
    static Path tmp;
    static Path atf;

    private final CliRunner cli = new CliRunner();

    /** Three short traub-rs-m sweeps (the M-current is what the base traub-rs lacks). */
    @BeforeAll
    static void recording() throws Exception {
        ModelSpec truth = BuiltinModels.get("traub-rs-m");
        Recording r = SyntheticRecording.generate(truth, truth.values(), List.of(Stimuli.step(10, 70, 250),
                Stimuli.step(10, 70, 400), Stimuli.step(10, 70, 320)), 90, 0.05, NoiseModel.white(0.2), 3);
        atf = tmp.resolve("rs_short.atf");
        try (OutputStream o = Files.newOutputStream(atf)) {
            AtfWriter.write(r, o);
        }
    }

    private int run(String... args) {
        return cli.run(args);
    }

    private String err() {
        return cli.err();
    }

    @Test
    void hybridWithOneNewStateRunsEndToEndAndWritesLatentSelectionAndLearned() throws Exception {
        Path dir = tmp.resolve("hybrid");
        long t0 = System.nanoTime();
        assertEquals(0, run("fit", atf.toString(), "--model", "traub-rs", "--method", "hybrid", "--latent", "1",
                "--options", "steps=4,refine_evals=12", "--max_evaluations", "60", "--device", "cpu", "--out",
                dir.toString()), err());
        System.out.printf("fit --method hybrid --latent 1 (tiny): %.1f s%n", (System.nanoTime() - t0) / 1e9);
        JsonObject j = JsonParser.parseString(Files.readString(dir.resolve("result.json"))).getAsJsonObject();
        assertEquals("hybrid", j.get("method").getAsString());
        JsonObject p = j.getAsJsonObject("parameters");
        for (String name : List.of("Cm", "gNa", "gK", "gL", "ENa", "EK", "EL", "gz1", "Ez1")) {
            assertTrue(p.has(name), "parameter " + name + " in " + p.keySet());
        }
        assertTrue(p.getAsJsonObject("gz1").get("value").getAsDouble() > 0);
        assertEquals("nS", p.getAsJsonObject("gz1").get("unit").getAsString());
        assertFalse(p.getAsJsonObject("gNa").get("fixed").getAsBoolean());
        // without --fit the model's non-fixed parameters are fitted (reversals too), its fixed ones kept
        ModelSpec rs = BuiltinModels.get("traub-rs");
        for (String name : List.of("Cm", "ENa", "EK", "EL", "VT")) {
            assertEquals(rs.parameter(name).fixed(), p.getAsJsonObject(name).get("fixed").getAsBoolean(), name);
        }

        JsonArray latent = j.getAsJsonArray("latent");
        assertEquals(1, latent.size());
        JsonObject z = latent.get(0).getAsJsonObject();
        assertTrue(z.has("g_nS") && z.has("E_mV"), z.keySet().toString());
        int n = z.getAsJsonArray("V_mV").size();
        assertTrue(n > 50);
        assertEquals(n, z.getAsJsonArray("z_inf").size());
        assertEquals(n, z.getAsJsonArray("tau_z_ms").size());
        for (var x : z.getAsJsonArray("z_inf")) {
            assertTrue(x.getAsDouble() >= 0 && x.getAsDouble() <= 1);
        }
        for (var x : z.getAsJsonArray("tau_z_ms")) {
            assertTrue(x.getAsDouble() > 0);
        }
        JsonObject sel = j.getAsJsonObject("selection");
        assertEquals(1, sel.get("chosen").getAsInt());
        assertTrue(sel.getAsJsonObject("scores").has("1"));
        assertTrue(sel.has("decision"));

        JsonObject val = j.getAsJsonObject("validation");
        assertTrue(val.has("holdout_gamma"), val.keySet().toString());
        // with three sweeps the held-out one serves as the selection sweep, so no test Γ may remain
        if (!val.get("holdout_gamma").isJsonNull()) {
            double gamma = val.get("holdout_gamma").getAsDouble();
            assertTrue(gamma >= 0 && gamma <= 1.0001, "holdout gamma " + gamma);
        }
        // three step sweeps: the weakest and strongest train, the middle one is held out; hybrid needs a selection
        // sweep, so the held-out one selects and is reported as such (no test sweep left)
        assertEquals(1, j.getAsJsonArray("selection_sweeps").size());
        assertEquals(0, j.getAsJsonArray("holdout_sweeps").size());

        List<String> learned = Files.readAllLines(dir.resolve("learned.csv"));
        assertTrue(learned.get(0).contains("V (mV)") && learned.get(0).contains("z_inf")
                && learned.get(0).contains("tau_z (ms)"), learned.get(0));
        assertEquals(n + 1, learned.size());
        String states = Files.readAllLines(dir.resolve("states.csv")).get(0);
        assertTrue(states.contains("z1 (1)") && states.contains("Iz1 (pA)"), states);
        // the law stage replaces the learned state only when the selection sweeps score it at least as well
        JsonObject law = j.getAsJsonObject("diagnostics").getAsJsonObject("law_stage");
        boolean adopted = law.get("adopted").getAsBoolean();
        if (law.has("law_selection_statistics_loss") && !law.get("law_selection_statistics_loss").isJsonNull()) {
            boolean asGood = law.get("law_selection_statistics_loss").getAsDouble()
                    <= law.get("learned_selection_statistics_loss").getAsDouble()
                    && law.get("law_selection_counts_within_tolerance").getAsInt()
                    >= law.get("learned_selection_counts_within_tolerance").getAsInt();
            assertEquals(asGood, adopted, law.toString());
        } else {
            assertFalse(adopted, law.toString());
        }
        assertEquals(adopted, Files.isRegularFile(dir.resolve("fitted.model")), "a formula model only after the law stage");
        assertEquals(adopted, p.has("Vhz1") && p.has("taz1"), p.keySet().toString());
        for (String f : List.of("selection.csv", "loss.csv", "learned.png", "heldout_current.png", "loss.png", "sweep_2.png",
                "validation.csv", "parameters.csv")) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f);
        }
    }

    @Test
    void latentAutoOnTheStagedBaseReportsEveryCandidateOnTheTestSweeps() throws Exception {
        ModelSpec truth = BuiltinModels.get("traub-rs-m");
        List<org.patchpinn.sim.Stimulus> steps = new java.util.ArrayList<>();
        // seven step sweeps: the protocol rule leaves selection and test sweeps beside the training ones
        for (double a : new double[] {-100, 100, 150, 200, 250, 320, 400}) {
            steps.add(Stimuli.step(10, 70, a));
        }
        Recording r = SyntheticRecording.generate(truth, truth.values(), steps, 90, 0.05, NoiseModel.white(0.2), 5);
        Path seven = tmp.resolve("rs_seven.atf");
        try (OutputStream o = Files.newOutputStream(seven)) {
            AtfWriter.write(r, o);
        }
        Path dir = tmp.resolve("auto");
        assertEquals(0, run("fit", seven.toString(), "--model", "traub-rs", "--method", "hybrid", "--latent", "auto",
                "--options", "steps=3,refine_evals=6", "--max_evaluations", "40", "--device", "cpu", "--out",
                dir.toString()), err());
        JsonObject j = JsonParser.parseString(Files.readString(dir.resolve("result.json"))).getAsJsonObject();
        JsonObject d = j.getAsJsonObject("diagnostics");
        assertTrue(d.getAsJsonObject("base_fit").has("onset_base"), "new states learned on the onset base");
        assertTrue(j.getAsJsonArray("holdout_sweeps").size() > 0, "seven step sweeps leave a test sweep");
        JsonArray evidence = d.getAsJsonArray("test_evidence");
        assertTrue(evidence.size() >= 2, evidence.toString());
        assertEquals("0 new state(s)", evidence.get(0).getAsJsonObject().get("model").getAsString());
        int chosen = 0;
        for (var e : evidence) {
            JsonObject o = e.getAsJsonObject();
            chosen += o.get("chosen").getAsBoolean() ? 1 : 0;
            assertEquals(j.getAsJsonArray("holdout_sweeps").size(), o.get("test_step_sweeps").getAsInt());
            assertTrue(o.get("test_spike_counts_within_tolerance").getAsInt() <= o.get("test_step_sweeps").getAsInt());
        }
        assertEquals(1, chosen, evidence.toString());
    }

    @Test
    void pinnWithoutNewStatesKeepsTheBaseModelAndWritesItsFile() throws Exception {
        Path dir = tmp.resolve("pinn");
        // any model (its M-current is part of the known base), values and free set given by the user
        assertEquals(0, run("fit", atf.toString(), "--model", "traub-rs-m", "--method", "pinn", "--latent", "0",
                "--values", "VT=-58,Cm=130,EK=-95", "--fit", "Cm,gNa,gK,gL,VT", "--options", "steps=3,refine_evals=7", "--max_evaluations", "60",
                "--device", "cpu", "--out", dir.toString()), err());
        JsonObject j = JsonParser.parseString(Files.readString(dir.resolve("result.json"))).getAsJsonObject();
        assertEquals("pinn", j.get("method").getAsString());
        assertEquals(7, j.getAsJsonObject("diagnostics").get("refine_evaluations").getAsInt(),
                "the summary-statistic refinement follows pinn too");
        assertEquals(0, j.getAsJsonArray("latent").size());
        assertEquals(0, j.getAsJsonObject("selection").get("chosen").getAsInt());
        assertFalse(j.getAsJsonObject("parameters").has("gz1"));
        assertTrue(j.getAsJsonObject("validation").has("holdout_gamma"));
        assertFalse(Files.exists(dir.resolve("learned.csv")));
        String model = Files.readString(dir.resolve("fitted.model"));
        assertTrue(model.contains("current IK") && model.contains("current IM"), model);
        JsonObject par = j.getAsJsonObject("parameters");
        assertEquals(-95, par.getAsJsonObject("EK").get("value").getAsDouble(), 1e-9, "fixed at the given value");
        assertTrue(par.has("gM") && par.has("VT"), par.keySet().toString());
        double vt = par.getAsJsonObject("VT").get("value").getAsDouble();
        assertTrue(vt >= -80 && vt <= -30, "VT " + vt);
    }

    /** base_free=none holds the base on base=model too (it was read on the staged base only, and ignored here). */
    @Test
    void baseFreeNoneHoldsTheModelsOwnBase() throws Exception {
        Path dir = tmp.resolve("base_model_fixed");
        assertEquals(0, run("fit", atf.toString(), "--model", "traub-rs", "--method", "hybrid", "--latent", "1",
                "--values", "gNa=7000,VT=-57", "--options", "base=model,base_free=none,steps=3,refine_evals=6",
                "--max_evaluations", "40", "--device", "cpu", "--out", dir.toString()), err());
        JsonObject p = JsonParser.parseString(Files.readString(dir.resolve("result.json"))).getAsJsonObject()
                .getAsJsonObject("parameters");
        ModelSpec rs = BuiltinModels.get("traub-rs");
        assertEquals(7000, p.getAsJsonObject("gNa").get("value").getAsDouble(), 1e-9);
        assertEquals(-57, p.getAsJsonObject("VT").get("value").getAsDouble(), 1e-9);
        for (String name : List.of("Cm", "gK", "gL", "ENa", "EK", "EL")) {
            assertEquals(rs.parameter(name).value(), p.getAsJsonObject(name).get("value").getAsDouble(), 1e-9, name);
        }
    }

    @Test
    void badLatentAndMisuseGiveClearErrors() {
        assertNotEquals(0, run("fit", atf.toString(), "--model", "traub-rs", "--method", "hybrid", "--latent", "3"));
        assertTrue(err().contains("latent") && err().contains("'3'"), err());
        assertNotEquals(0, run("fit", atf.toString(), "--model", "traub-rs", "--latent", "1"));
        assertTrue(err().contains("latent") && err().contains("classic"), err());
        assertNotEquals(0, run("fit", atf.toString(), "--model", "traub-rs", "--method", "hybrid", "--holdout",
                "none"));
        assertTrue(err().contains("selection"), err());
        assertNotEquals(0, run("fit", atf.toString(), "--model", "traub-rs", "--method", "hybrid", "--options",
                "epochs=5"));
        assertTrue(err().contains("epochs"), err());
        // classic and trace read no options: refused, not ignored
        assertNotEquals(0, run("fit", atf.toString(), "--model", "traub-rs", "--options", "steps=5"));
        assertTrue(err().contains("steps") && err().contains("classic"), err());
        assertNotEquals(0, run("fit", atf.toString(), "--model", "traub-rs", "--method", "trace", "--options",
                "base=model"));
        assertTrue(err().contains("base") && err().contains("trace"), err());
        assertNotEquals(0, run("fit", atf.toString(), "--model", "traub-rs", "--method", "pinn", "--fit", "gXY"));
        assertTrue(err().contains("gXY"), err());
    }

    /** The learned model the command validates is the method's model: the true M-current as a "learned" state. */
    @Test
    void fittedSpecWithTheTrueMCurrentSimulatesLikeTraubRsM() {
        ModelSpec rsm = BuiltinModels.get("traub-rs-m");
        double gM = rsm.parameter("gM").value();
        FittedModel.Latent m = FittedModel.Latent.of(gM, -90, v -> 1 / (1 + Math.exp(-(v + 35) / 10)),
                v -> 608 / (3.3 * Math.exp((v + 35) / 20) + Math.exp(-(v + 35) / 20)));
        FittedModel fm = new FittedModel(TRAUB_RS, TRAUB_RS.values(), List.of(m));
        ModelSpec spec = fm.spec();
        assertEquals(List.of("gNa", "gK", "gL", "gz1", "Ez1"), spec.freeParameters());
        Stimulus step = Stimuli.step(20, 400, 300);
        double[] a = Simulator.shared().voltage(spec, spec.values(), step, 450, 0.05);
        double[] b = Simulator.shared().voltage(rsm, rsm.values(), step, 450, 0.05);
        double[] ta = SpikeTimes.detect(a, 0.05);
        double[] tb = SpikeTimes.detect(b, 0.05);
        System.out.printf("true M as a learned state: %d spikes vs traub-rs-m %d%n", ta.length, tb.length);
        assertTrue(tb.length >= 4, "traub-rs-m should fire: " + tb.length);
        assertEquals(tb.length, ta.length);
        for (int i = 0; i < ta.length; i++) {
            assertEquals(tb[i], ta[i], 1.0, "spike " + i);
        }
        FittedModel none = new FittedModel(TRAUB_RS, TRAUB_RS.values(), List.of());
        ModelSpec base = none.spec();
        double[] c = Simulator.shared().voltage(base, base.values(), step, 450, 0.05);
        assertTrue(SpikeTimes.detect(c, 0.05).length > tb.length, "without the M-current the cell adapts less");
    }

    private static final KnownModel TRAUB_RS = KnownModel.of(BuiltinModels.get("traub-rs").withFree(List.of("gNa",
            "gK", "gL")));

    @Test
    void methodsAreRegistered() {
        assertTrue(FitMethods.names().containsAll(List.of("classic", "hybrid", "pinn")));
    }
}
