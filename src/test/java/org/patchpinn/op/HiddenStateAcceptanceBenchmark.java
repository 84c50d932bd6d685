package org.patchpinn.op;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
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
        // truth.json's hidden current: g 8.88 nS, E −90 mV, z∞ = 1/(1+exp(−(V+35)/10)),
        // τz = 608/(3.3 exp((V+35)/20) + exp(−(V+35)/20)) ms
        String[] t = System.getProperty("patchpinn.truth", "8.88275898024553,-90,608").split(",");
        double gTrue = Double.parseDouble(t[0]);
        double eTrue = Double.parseDouble(t[1]);
        double tauMax = Double.parseDouble(t[2]);
        DoubleUnaryOperator zTrue = v -> 1 / (1 + Math.exp(-(v + 35) / 10));
        DoubleUnaryOperator tauTrue = v -> tauMax / (3.3 * Math.exp((v + 35) / 20) + Math.exp(-(v + 35) / 20));

        JsonObject result = JsonParser.parseString(Files.readString(dir.resolve("result.json"))).getAsJsonObject();
        JsonArray latent = result.getAsJsonArray("latent");
        double testGamma = result.getAsJsonObject("validation").get("test_gamma").getAsDouble();
        System.out.printf(Locale.ROOT, "%s: %d new state(s) (criterion 1); test Γ %.2f (criterion 0.8)%n", dir,
                latent.size(), testGamma);
        if (latent.isEmpty()) {
            return;
        }
        JsonObject state = latent.get(0).getAsJsonObject();
        double g = state.get("g_nS").getAsDouble();
        double e = state.get("E_mV").getAsDouble();
        double[] v = numbers(state.getAsJsonArray("V_mV"));
        double[] z = numbers(state.getAsJsonArray("z_inf"));
        double[] tau = numbers(state.getAsJsonArray("tau_z_ms"));
        double gz = 0;
        double low = Double.POSITIVE_INFINITY;
        double high = 0;
        for (int i = 0; i < v.length; i++) {
            if (v[i] >= -75 && v[i] <= -45) {
                gz = Math.max(gz, Math.abs(g * z[i] - gTrue * zTrue.applyAsDouble(v[i])) / gTrue);
            }
            if (v[i] >= -70 && v[i] <= -30) {
                double f = tau[i] / tauTrue.applyAsDouble(v[i]);
                low = Math.min(low, f);
                high = Math.max(high, f);
            }
        }
        System.out.printf(Locale.ROOT, "state 1: E %+.1f mV from the truth (criterion 10); g·z∞ within %.3f·g over "
                + "−75…−45 mV (criterion 0.15); τz ×%.2f–%.2f of the truth over −70…−30 mV (criterion ×0.5–2); "
                + "%.0f s%n", e - eTrue, gz, low, high, (System.nanoTime() - t0) / 1e9);
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
