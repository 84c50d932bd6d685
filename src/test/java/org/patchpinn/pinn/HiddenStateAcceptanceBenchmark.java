package org.patchpinn.pinn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.patchpinn.op.FitOperation;
import org.patchpinn.op.ParamValues;
import org.patchpinn.report.OutputFolder;
import org.patchpinn.task.Progress;
import org.patchpinn.testing.SharedData;

/**
 * Issue 12's synthetic acceptance, as a user runs it: {@code fit rs_adapting.atf --model traub-rs --method hybrid
 * --latent auto} with nothing else given, then the handed-back model's first new state (the law when adopted, else
 * the network's tables: result.json's {@code latent}) against the hidden M-current of truth.json. Prints the number of
 * states, the reversal error, max |g·z∞ − g·z∞ true| / g true over −75…−45 mV, τz / τz true over −70…−30 mV and
 * the test sweeps' Γ, each with its criterion (1 state; 10 mV; 0.15; a factor 2; 0.8). Minutes on 2 cores.
 * {@code mvn -q -o test -Pbenchmark -Dtest=HiddenStateAcceptanceBenchmark}
 * ({@code -Dpatchpinn.fitted=DIR} judges an existing fit output folder instead, e.g. one the CLI wrote;
 * {@code -Dpatchpinn.truth=g,E,tauMax} another cell with the same M-current kinetics, e.g. one made by
 * {@code simulate --model traub-rs-m --values gM=10,tauMax=350 --file rs_adapting.atf}).
 */
@Tag("benchmark")
class HiddenStateAcceptanceBenchmark {
    @Test
    void rsAdaptingHybridFindsTheHiddenCurrent() throws IOException {
        Path dir;
        String given = System.getProperty("patchpinn.fitted");
        long t0 = System.nanoTime();
        if (given != null) {
            dir = Path.of(given);
        } else {
            dir = Files.createTempDirectory("hidden-state").resolve("fit");
            FitOperation fit = new FitOperation();
            fit.run(ParamValues.of(fit.params(), "file", SharedData.path("bench/public/rs_adapting.atf").toString(),
                    "model", "traub-rs", "method", "hybrid", "latent", "auto"), Progress.NONE)
                    .writeTo(new OutputFolder(dir));
        }
        // truth.json's hidden current: g 8.88 nS, E −90 mV, the M-current's kinetics with τmax 608 ms
        String[] t = System.getProperty("patchpinn.truth", "8.88275898024553,-90,608").split(",");
        FittedModel.Latent truth = NewStateBenchmark.mCurrent(Double.parseDouble(t[0]), Double.parseDouble(t[1]),
                Double.parseDouble(t[2]));

        JsonObject result = JsonParser.parseString(Files.readString(dir.resolve("result.json"))).getAsJsonObject();
        JsonArray latent = result.getAsJsonArray("latent");
        double testGamma = result.getAsJsonObject("validation").get("test_gamma").getAsDouble();
        System.out.printf(Locale.ROOT, "%s: %d new state(s) (criterion 1); test Γ %.2f (criterion 0.8)%n", dir,
                latent.size(), testGamma);
        if (latent.isEmpty()) {
            return;
        }
        // result.json tabulates the state on FittedModel's own voltage grid
        JsonObject state = latent.get(0).getAsJsonObject();
        double[] grid = numbers(state.getAsJsonArray("V_mV"));
        assertEquals(FittedModel.V_MIN, grid[0]);
        assertEquals(FittedModel.V_STEP, grid[1] - grid[0], 1e-9);
        FittedModel.Latent learned = new FittedModel.Latent(state.get("g_nS").getAsDouble(),
                state.get("E_mV").getAsDouble(), numbers(state.getAsJsonArray("z_inf")),
                numbers(state.getAsJsonArray("tau_z_ms")));
        double gz = 0;
        double low = Double.POSITIVE_INFINITY;
        double high = 0;
        for (double v = -75; v <= -45; v += FittedModel.V_STEP) {
            gz = Math.max(gz, Math.abs(learned.gNs() * learned.zInfAt(v) - truth.gNs() * truth.zInfAt(v))
                    / truth.gNs());
        }
        for (double v = -70; v <= -30; v += FittedModel.V_STEP) {
            double f = learned.tauAt(v) / truth.tauAt(v);
            low = Math.min(low, f);
            high = Math.max(high, f);
        }
        System.out.printf(Locale.ROOT, "state 1: E %+.1f mV from the truth (criterion 10); g·z∞ within %.3f·g over "
                + "−75…−45 mV (criterion 0.15); τz ×%.2f–%.2f of the truth over −70…−30 mV (criterion ×0.5–2); "
                + "%.0f s%n", learned.eMv() - truth.eMv(), gz, low, high, (System.nanoTime() - t0) / 1e9);
        assertTrue(Double.isFinite(gz) && high > 0);
    }

    private static double[] numbers(JsonArray a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsDouble();
        }
        return out;
    }
}
