package org.patchpinn.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.patchpinn.op.CompareOperation;
import org.patchpinn.op.OperationResult;
import org.patchpinn.op.ParamValues;
import org.patchpinn.report.OutputFolder;
import org.patchpinn.task.Progress;
import org.patchpinn.testing.SharedData;

/**
 * Issue 7 acceptance on the public glucose benchmark (truth: extra K conductance gX = 5/(1+(G/1.5)^2) nS,
 * EX = −90 mV): EX within 5 mV, gX per level within max(20 %, 0.3 nS) from 0.5 to 10 mM, law R² &gt; 0.95
 * against the truth on 0.25–20 mM, whole batch on 2 threads under 30 min. Prints what it measured.
 */
@Tag("benchmark")
class GlucoseCompareBenchmark {
    static double truth(double g) {
        return 5.0 / (1 + Math.pow(g / 1.5, 2.0));
    }

    @Test
    void glucoseBatchMeetsTheAcceptanceTargets() throws Exception {
        // outputs stay in target/ for inspection; a fresh folder so the first run is timed from scratch
        Path out = Path.of("target", "glucose-compare");
        if (Files.exists(out)) {
            try (var walk = Files.walk(out)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Path manifest = SharedData.path("bench/public/glucose/manifest.csv");
        CompareOperation op = new CompareOperation();
        long t0 = System.nanoTime();
        // -Dcompare.ex=-90 measures the variant with the extra conductance's reversal known
        OperationResult r = op.run(ParamValues.of(op.params(), "manifest", manifest.toString(), "out",
                out.toString(), "threads", "2", "ex_mv", System.getProperty("compare.ex", "")), Progress.NONE);
        r.writeTo(new OutputFolder(out));
        double wall = (System.nanoTime() - t0) / 1e9;
        System.out.println("summary: " + r.summary());
        System.out.printf("wall time (2 threads, incl. writing outputs): %.1f s%n", wall);
        JsonObject j = JsonParser.parseString(Files.readString(out.resolve("result.json"))).getAsJsonObject();
        JsonObject x = j.getAsJsonObject("extra_conductance");
        double ex = x.getAsJsonObject("EX_mV").get("value").getAsDouble();
        System.out.printf("EX = %.2f mV (truth -90), CI %s%n", ex, x.getAsJsonObject("EX_mV").get("ci95"));
        System.out.println("law: " + x.getAsJsonObject("law").get("expression").getAsString() + "  R2 vs recordings "
                + x.getAsJsonObject("law").get("r2"));
        boolean allWithin = true;
        for (var e : x.getAsJsonArray("per_condition")) {
            JsonObject p = e.getAsJsonObject();
            double g = p.get("value").getAsDouble();
            double est = p.getAsJsonObject("gX_nS").get("mean").getAsDouble();
            double tol = Math.max(0.2 * truth(g), 0.3);
            boolean ok = Math.abs(est - truth(g)) <= tol;
            allWithin &= ok;
            System.out.printf("G=%5.2f mM  gX=%.3f nS (CI %s, law %.3f)  truth %.3f  |err| %.3f  tol %.3f  %s%n", g, est,
                    p.getAsJsonObject("gX_nS").get("ci95"), p.get("law_nS").getAsDouble(), truth(g),
                    Math.abs(est - truth(g)), tol, ok ? "ok" : "OUT");
        }
        HillLaw law = ConditionModel.fromJson(JsonParser.parseString(
                Files.readString(out.resolve("condition_model.json"))).getAsJsonObject(),
                SubthresholdStructure.DEFAULT.spec()).gx();
        int n = 200;
        double[] t = new double[n];
        double[] f = new double[n];
        for (int i = 0; i < n; i++) {
            double g = 0.25 * Math.pow(20 / 0.25, i / (n - 1.0));
            t[i] = truth(g);
            f[i] = law.value(g);
        }
        double r2 = ConductanceDecomposition.r2(t, f);
        System.out.printf("law R2 against truth on 0.25-20 mM (200 log-spaced points): %.4f%n", r2);
        JsonArray changes = j.getAsJsonArray("changes");
        changes.forEach(c -> System.out.println("change: " + c));
        System.out.println("laws: " + j.getAsJsonArray("laws"));
        System.out.println("held out: " + x.getAsJsonArray("held_out_cells"));
        System.out.println("warnings: " + j.getAsJsonArray("warnings"));
        System.out.println("held-out simulation: " + j.get("held_out_simulation"));
        System.out.println(Files.readString(out.resolve("validation.csv")));

        long t1 = System.nanoTime();
        OperationResult again = op.run(ParamValues.of(op.params(), "manifest", manifest.toString(), "out",
                out.toString(), "threads", "2"), Progress.NONE);
        System.out.printf("re-run (resumed): %.1f s, %s%n", (System.nanoTime() - t1) / 1e9,
                again.json().getAsJsonObject("recordings"));

        assertTrue(Math.abs(ex + 90) <= 5, "EX " + ex);
        assertTrue(allWithin, "gX per level within tolerance");
        assertTrue(r2 > 0.95, "R2 " + r2);
        assertTrue(wall < 1800, "wall " + wall);
        assertEquals(10, again.json().getAsJsonObject("recordings").get("resumed").getAsInt());
    }
}
