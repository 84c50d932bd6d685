package org.patchpinn.op;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.patchpinn.fit.FitData;
import org.patchpinn.io.Recordings;
import org.patchpinn.model.BuiltinModels;
import org.patchpinn.model.ModelSpec;
import org.patchpinn.report.OutputFolder;
import org.patchpinn.symbolic.LawValidation;
import org.patchpinn.task.Progress;
import org.patchpinn.testing.SharedData;
import org.patchpinn.trace.Recording;

/**
 * Issue 6, "back into the model", end to end on bench/public/rs_adapting.atf (traub-rs + hidden M-current):
 * fit --method hybrid (one new state, sweeps 0, 1, 3 fitted, 2 held out) → sr on z_inf and tau_z of learned.csv
 * → lawmodel → law model vs network model on the held-out sweep.
 * Prints every number; minutes on 2 shared cores.
 * {@code mvn -q -o test -Pbenchmark -Dtest=LawLoopBenchmark}
 * ({@code -Dpatchpinn.learned=DIR} reuses a learn output folder instead of learning again).
 */
@Tag("benchmark")
class LawLoopBenchmark {
    private static final int HELD_OUT = 2;

    @Test
    void rsAdaptingNetworkVersusLaw() throws IOException {
        Path rec = SharedData.path("bench/public/rs_adapting.atf");
        Path work = Files.createTempDirectory("lawloop");
        long t0 = System.nanoTime();

        Path learnDir;
        String reuse = System.getProperty("patchpinn.learned");
        if (reuse != null) {
            learnDir = Path.of(reuse);
        } else {
            learnDir = work.resolve("learn");
            FitOperation learn = new FitOperation();
            learn.run(ParamValues.of(learn.params(), "file", rec.toString(), "method", "hybrid", "model", "traub-rs",
                    "latent", "1", "sweeps", "0,1,3", "holdout", Integer.toString(HELD_OUT),
                    "options", "steps=60,refine_evals=300", "seed", "1", "device", "cpu", "ci", "false"),
                    Progress.NONE).writeTo(new OutputFolder(learnDir));
        }
        double tLearn = seconds(t0);
        JsonObject learned = read(learnDir.resolve("result.json"));
        JsonObject p = learned.getAsJsonObject("parameters");
        String values = String.format(Locale.ROOT, "Cm=%s,gNa=%s,gK=%s,gL=%s", value(p, "Cm"), value(p, "gNa"),
                value(p, "gK"), value(p, "gL"));
        JsonObject latent = learned.getAsJsonArray("latent").get(0).getAsJsonObject();
        double g = latent.get("g_nS").getAsDouble();
        double e = latent.get("E_mV").getAsDouble();
        JsonObject fitValidation = learned.getAsJsonObject("validation");
        System.out.printf(Locale.ROOT, "fit --method hybrid: %.0f s; base %s; latent g %.3f nS, E %.2f mV; held-out "
                + "sweep %d: Γ %s, RMSE %s mV%n", tLearn, values, g, e, HELD_OUT,
                fitValidation.get("holdout_gamma"), fitValidation.get("holdout_rmse_mV"));

        Path csv = learnDir.resolve("learned.csv");
        SymbolicRegressionOperation sr = new SymbolicRegressionOperation();
        long t1 = System.nanoTime();
        String[] forms = new String[2];
        String[] ys = {"z_inf", "tau_z"};
        for (int k = 0; k < 2; k++) {
            Path out = work.resolve("sr_" + ys[k]);
            sr.run(ParamValues.of(sr.params(), "file", csv.toString(), "x", "V", "y", ys[k], "seed", "1",
                    "max_time_s", "45", "threads", "2"), Progress.NONE).writeTo(new OutputFolder(out));
            JsonObject best = read(out.resolve("result.json")).getAsJsonObject("best");
            forms[k] = best.get("sympy").getAsString();
            System.out.printf(Locale.ROOT, "sr %s: %s (complexity %d, R² %.6f, max rel error %.4f)%n", ys[k],
                    forms[k], best.get("complexity").getAsInt(), best.get("r2").getAsDouble(),
                    best.get("max_rel_error").getAsDouble());
        }
        double tSr = seconds(t1);

        long t2 = System.nanoTime();
        LawIntoModelOperation lm = new LawIntoModelOperation();
        Path lawDir = work.resolve("lawmodel");
        lm.run(ParamValues.of(lm.params(), "model", "traub-rs", "values", values,
                "zinf", work.resolve("sr_z_inf/result.json").toString(),
                "tau", work.resolve("sr_tau_z/result.json").toString(), "current", "M", "g", Double.toString(g),
                "e", Double.toString(e), "file", rec.toString(), "holdout", Integer.toString(HELD_OUT),
                "learned", csv.toString()), Progress.NONE).writeTo(new OutputFolder(lawDir));
        double tCompare = seconds(t2);
        JsonObject v = read(lawDir.resolve("result.json")).getAsJsonObject("validation");
        for (String model : List.of("network", "law")) {
            JsonObject s = v.getAsJsonObject(model);
            System.out.printf(Locale.ROOT, "%-8s model, held-out sweep %d (0-based): Γ %.3f, RMSE %.2f mV, spikes "
                    + "%d model / %d data%n", model, HELD_OUT, s.get("gamma").getAsDouble(),
                    s.get("rmse_mV").getAsDouble(),
                    s.getAsJsonArray("sweeps").get(0).getAsJsonObject().get("spikes_model").getAsInt(),
                    s.getAsJsonArray("sweeps").get(0).getAsJsonObject().get("spikes_data").getAsInt());
        }
        JsonObject d = v.getAsJsonObject("law_vs_network");
        System.out.printf(Locale.ROOT, "law vs network on %.0f…%.0f mV: max |Δz∞| %.4f (at %.0f mV), max |Δτ| %.2f ms, "
                + "max rel Δτ %.3f (at %.0f mV)%n", d.get("v_from_mV").getAsDouble(), d.get("v_to_mV").getAsDouble(),
                d.get("z_inf_max_abs_diff").getAsDouble(), d.get("z_inf_worst_at_mV").getAsDouble(),
                d.get("tau_max_abs_diff_ms").getAsDouble(), d.get("tau_max_rel_diff").getAsDouble(),
                d.get("tau_worst_at_mV").getAsDouble());

        // Reference: the true cell (traub-rs-m) on the same sweep, the best any model can do against this noise.
        Recording r = Recordings.open(rec, Progress.NONE);
        ModelSpec truth = BuiltinModels.get("traub-rs-m");
        LawValidation.Score ts = LawValidation.score("truth", truth, FitData.sweeps(r, List.of(HELD_OUT)),
                Progress.NONE);
        System.out.printf(Locale.ROOT, "truth    model (traub-rs-m), same sweep: Γ %.3f, RMSE %.2f mV%n", ts.gamma(),
                ts.rmseMv());
        System.out.printf(Locale.ROOT, "time: learn %.0f s, sr %.0f s (2 laws), lawmodel + comparison %.1f s, "
                + "total %.0f s; output in %s%n", tLearn, tSr, tCompare, seconds(t0), work);
        assertTrue(Double.isFinite(v.getAsJsonObject("law").get("gamma").getAsDouble()));
        assertTrue(Double.isFinite(v.getAsJsonObject("network").get("gamma").getAsDouble()));
    }

    private static String value(JsonObject params, String name) {
        return params.getAsJsonObject(name).get("value").getAsString();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static JsonObject read(Path json) throws IOException {
        return JsonParser.parseString(Files.readString(json)).getAsJsonObject();
    }
}
