package org.patchpinn.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchpinn.report.OutputFolder;
import org.patchpinn.symbolic.ExpressionParser;
import org.patchpinn.symbolic.FoundLaw;
import org.patchpinn.task.Progress;
import org.patchpinn.testing.SharedData;

/**
 * The comparison path of Law Into Model: network model (tabulated learned.csv) vs law model on a held-out
 * sweep of test-data/rs_adapting_steps.atf (traub-rs + M-current). With learned.csv sampled from the true
 * M-current and the true laws as the "discovered" ones, both must reproduce the held-out spikes; a wrong τ law
 * must score worse than the network.
 */
class LawValidationTest {
    private static final Path RECORDING = Path.of("test-data/rs_adapting_steps.atf");

    @TempDir
    Path dir;

    private Path srResult(String name, String sympy) throws IOException {
        Path p = dir.resolve(name + ".json");
        Files.writeString(p, "{\"inputs\":[{\"name\":\"V\",\"unit\":\"mV\"}],\"best\":{\"sympy\":\"" + sympy + "\"}}");
        return p;
    }

    /**
     * learned.csv in learn's format, 1 mV steps, from the true hidden current of truth.json. The grid reaches
     * +60 mV: the network model holds the table's end values beyond it, and a table ending at +40 mV (below
     * the spike peaks, where τ still falls) already shifts the adapted spike train by a spike in 300 ms.
     */
    private Path learnedFromTruth(String zInf, String tau) throws IOException {
        double[] v = new double[181];
        for (int i = 0; i < v.length; i++) {
            v[i] = -120 + i;
        }
        double[] z = new FoundLaw(ExpressionParser.parse(zInf, List.of("V")), List.of("V"), "truth").at(v);
        double[] t = new FoundLaw(ExpressionParser.parse(tau, List.of("V")), List.of("V"), "truth").at(v);
        StringBuilder sb = new StringBuilder("V (mV),z_inf,tau_z (ms)\n");
        for (int i = 0; i < v.length; i++) {
            sb.append(String.format(Locale.ROOT, "%.1f,%.10g,%.10g%n", v[i], z[i], t[i]));
        }
        Path p = dir.resolve("learned.csv");
        Files.writeString(p, sb.toString());
        return p;
    }

    private JsonObject run(Path zinf, Path tau, Path learned, String tag) throws IOException {
        LawIntoModelOperation op = new LawIntoModelOperation();
        OperationResult r = op.run(ParamValues.of(op.params(), "model", "traub-rs", "zinf", zinf.toString(),
                "tau", tau.toString(), "current", "M", "g", "8.88275898024553", "e", "-90",
                "file", RECORDING.toString(), "holdout", "2", "learned", learned.toString()), Progress.NONE);
        Path out = dir.resolve("out-" + tag);
        r.writeTo(new OutputFolder(out));
        assertTrue(Files.exists(out.resolve("validation.csv")) && Files.exists(out.resolve("validation.png")));
        return JsonParser.parseString(Files.readString(out.resolve("result.json"))).getAsJsonObject()
                .getAsJsonObject("validation");
    }

    @Test
    void networkAndTrueLawModelsBothReproduceTheHeldOutSweep() throws IOException {
        JsonObject hidden = JsonParser.parseString(Files.readString(SharedData.path("bench/public/truth.json")))
                .getAsJsonObject().getAsJsonObject("rs_adapting.atf").getAsJsonObject("hidden_current");
        String zInf = hidden.get("z_inf").getAsString();
        String tau = hidden.get("tau_z").getAsString();
        Path learned = learnedFromTruth(zInf, tau);

        JsonObject v = run(srResult("zinf", zInf), srResult("tau", tau), learned, "true");
        double gLaw = v.getAsJsonObject("law").get("gamma").getAsDouble();
        double gNet = v.getAsJsonObject("network").get("gamma").getAsDouble();
        System.out.printf(Locale.ROOT, "held-out sweep 2: law Γ %.3f RMSE %.2f mV, network Γ %.3f RMSE %.2f mV%n",
                gLaw, v.getAsJsonObject("law").get("rmse_mV").getAsDouble(), gNet,
                v.getAsJsonObject("network").get("rmse_mV").getAsDouble());
        assertEquals(2, v.getAsJsonArray("holdout_sweeps").get(0).getAsInt());
        assertTrue(gLaw > 0.8, "law model Γ " + gLaw);
        assertTrue(gNet > 0.8, "network model Γ " + gNet);
        assertTrue(v.getAsJsonObject("law").get("rmse_mV").getAsDouble() < 15, v.toString());
        JsonObject dev = v.getAsJsonObject("law_vs_network");
        assertTrue(dev.get("z_inf_max_abs_diff").getAsDouble() < 2e-3, dev.toString());
        assertTrue(dev.get("tau_max_rel_diff").getAsDouble() < 2e-3, dev.toString());

        // A τ law five times too fast is a different cell: it must lose against the network on the same sweep.
        JsonObject wrong = run(srResult("zinf", zInf), srResult("tau_fast", "(" + tau + ")/5"), learned, "wrong");
        double gWrong = wrong.getAsJsonObject("law").get("gamma").getAsDouble();
        System.out.printf(Locale.ROOT, "tau/5 law: Γ %.3f%n", gWrong);
        assertTrue(gWrong < gNet - 0.1, "wrong law Γ " + gWrong + " vs network " + gNet);
        assertTrue(wrong.getAsJsonObject("law_vs_network").get("tau_max_rel_diff").getAsDouble() > 0.7);
    }

    @Test
    void badHeldOutSweepsAndLearnedTablesAreNamed() throws IOException {
        Path zinf = srResult("zinf", "1/(1 + exp(-(V + 35)/10))");
        Path tau = srResult("tau", "608/(3.3*exp((V + 35)/20) + exp(-(V + 35)/20))");
        LawIntoModelOperation op = new LawIntoModelOperation();
        org.patchpinn.PatchPinnException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.patchpinn.PatchPinnException.class, () -> op.run(ParamValues.of(op.params(), "zinf",
                        zinf.toString(), "tau", tau.toString(), "file", RECORDING.toString(), "holdout", "7"),
                        Progress.NONE));
        assertTrue(e.getMessage().contains("holdout") && e.getMessage().contains("0-2"), e.getMessage());
        Path bad = dir.resolve("bad_learned.csv");
        Files.writeString(bad, "V (mV),z\n-60,0.1\n-50,0.2\n");
        e = org.junit.jupiter.api.Assertions.assertThrows(org.patchpinn.PatchPinnException.class,
                () -> op.run(ParamValues.of(op.params(), "zinf", zinf.toString(), "tau", tau.toString(),
                        "learned", bad.toString()), Progress.NONE));
        assertTrue(e.getMessage().contains("bad_learned.csv"), e.getMessage());
    }
}
