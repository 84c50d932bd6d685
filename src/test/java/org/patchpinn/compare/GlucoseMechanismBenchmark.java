package org.patchpinn.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.patchpinn.op.CompareOperation;
import org.patchpinn.op.OperationResult;
import org.patchpinn.op.ParamValues;
import org.patchpinn.report.OutputFolder;
import org.patchpinn.sim.GlucoseSeries;
import org.patchpinn.symbolic.CompiledExpression;
import org.patchpinn.symbolic.ExpressionParser;
import org.patchpinn.task.Progress;
import org.patchpinn.testing.SharedData;

/**
 * Issue 14 acceptance: compare with classic per-recording fits (traub-rs-m, reversals free, Cm from each
 * recording) on three series of 2–3 cells × 5 glucose levels. Public set (extra K conductance): the extra
 * conductance ranks first. EK-shift series (GlucoseSeries): EK changes, its law matches EK(G) with R² &gt; 0.9
 * on 0.25–20 mM, the reversal EK ranks first, no extra conductance named. Control series: nothing changes,
 * no mechanism. 15 recordings on 2 threads in &lt; 15 min; a re-run resumes. gM-shift series (GlucoseSeries, run
 * with traub-rs and one learned state per recording, {@code -Dcompare.series=gm}, ~45 min): the learned state's
 * conductance gz1 is reported as changing and the learned-state mechanism wins. Prints what it measured.
 * Two series of mechanisms compare was not built on ({@code -Dcompare.series=vt,gna}, ~11 min each): a kinetic
 * shift (VT(G)) must be named, with its per-level VT within 2 mV of the truth; a sodium conductance change (gNa(G))
 * must be named or listed among the mechanisms the recordings do not tell apart from the winner (gNa and ENa both
 * set the sodium current's size).
 * Two series added after the mechanism rule was last changed, never developed on ({@code gk}: gK(G); {@code ena}:
 * ENa(G)), and the gM series fitted with the model that has the M-current ({@code gmc}, classic traub-rs-m): the
 * changed parameter's mechanism named or not distinguished from the winner.
 * Outputs stay in target/bench-compare-*; -Dcompare.series=ek,control,public,gm,vt,gna,gk,ena,gmc picks series
 * (default the first three).
 */
@Tag("benchmark")
class GlucoseMechanismBenchmark {
    private static List<String> series() {
        return List.of(System.getProperty("compare.series", "ek,control,public").split(","));
    }

    private static JsonObject run(Path manifest, Path out, boolean fresh, String... extra) throws Exception {
        if (fresh && Files.exists(out)) {
            try (var walk = Files.walk(out)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        CompareOperation op = new CompareOperation();
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        long c0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        List<String> kv = new java.util.ArrayList<>(List.of("manifest", manifest.toString(), "out", out.toString(),
                "threads", "2", "laws", System.getProperty("compare.laws", "candidates")));
        kv.addAll(List.of(extra));
        OperationResult r = op.run(ParamValues.of(op.params(), kv.toArray(String[]::new)), Progress.NONE);
        r.writeTo(new OutputFolder(out));
        double wall = (System.nanoTime() - t0) / 1e9;
        // on a shared machine the wall time says little: the CPU seconds / 2 estimate 2 free cores
        double cpu = (os.getProcessCpuTime() - c0) / 1e9;
        System.out.printf("%s: %s%n  wall %.1f s (2 threads), CPU %.1f s, load average %.2f%n", out.getFileName(),
                r.summary(), wall, cpu, os.getSystemLoadAverage());
        JsonObject j = JsonParser.parseString(Files.readString(out.resolve("result.json"))).getAsJsonObject();
        j.addProperty("wall_s", wall);
        j.addProperty("cpu_s", cpu);
        j.addProperty("load", os.getSystemLoadAverage());
        System.out.println(Files.readString(out.resolve("mechanisms.csv")));
        for (var c : j.getAsJsonArray("changes")) {
            if (c.getAsJsonObject().get("significant").getAsBoolean()) {
                JsonObject o = c.getAsJsonObject();
                System.out.printf("  changes: %-24s effect %.3g %s [%.3g, %.3g], p family-wise %.3g%n", o.get("name").getAsString(),
                        o.get("effect").getAsDouble(), o.get("unit").getAsString(),
                        o.getAsJsonArray("effect_ci95").get(0).getAsDouble(),
                        o.getAsJsonArray("effect_ci95").get(1).getAsDouble(), o.get("p_familywise").getAsDouble());
            }
        }
        System.out.println("  design: " + j.get("design"));
        return j;
    }

    /** A generated series under target/series/NAME, written once. */
    private static Path seriesData(GlucoseSeries.Kind kind, String name) throws IOException {
        Path data = Path.of("target", "series", name);
        if (!Files.isRegularFile(data.resolve("manifest.csv"))) {
            GlucoseSeries.write(kind, data);
        }
        return data;
    }

    private static JsonObject mechanisms(JsonObject j) {
        return j.getAsJsonObject("mechanisms");
    }

    /** R² of a law from laws[] (by target prefix) against the truth on 0.25–20 mM (200 log-spaced points). */
    private static double lawR2(JsonObject j, String targetPrefix, DoubleUnaryOperator truth) {
        for (var l : j.getAsJsonArray("laws")) {
            JsonObject o = l.getAsJsonObject();
            if (!o.get("target").getAsString().startsWith(targetPrefix)) {
                continue;
            }
            List<String> vars = new java.util.ArrayList<>();
            o.getAsJsonArray("variables").forEach(v -> vars.add(v.getAsString()));
            CompiledExpression f = new CompiledExpression(ExpressionParser.parse(o.get("sympy").getAsString(), vars));
            int n = 200;
            double[] t = new double[n];
            double[] g = new double[n];
            for (int i = 0; i < n; i++) {
                g[i] = 0.25 * Math.pow(20 / 0.25, i / (n - 1.0));
                t[i] = truth.applyAsDouble(g[i]);
            }
            double[] y = f.evaluate(new double[][] {g});
            double r2 = ConductanceDecomposition.r2(t, y);
            System.out.printf("  law %s = %s (R² on levels %.4f, constants %s): R² vs truth on 0.25-20 mM %.4f%n",
                    o.get("target").getAsString(), o.get("expression").getAsString(), o.get("r2").getAsDouble(),
                    o.get("constants"), r2);
            return r2;
        }
        return Double.NaN;
    }

    @Test
    void ekShiftIsFoundAsAReversalChange() throws Exception {
        if (!series().contains("ek")) {
            return;
        }
        Path data = seriesData(GlucoseSeries.Kind.EK_SHIFT, "ek");
        Path out = Path.of("target", "bench-compare-ek");
        JsonObject j = run(data.resolve("manifest.csv"), out, !Boolean.getBoolean("compare.resume"));
        JsonObject m = mechanisms(j);
        String first = m.getAsJsonArray("ranking").get(0).getAsJsonObject().get("parameter").getAsString();
        double r2 = lawR2(j, "mechanism.EK", GlucoseSeries::ekMv);
        double r2classic = lawR2(j, "classic.EK", GlucoseSeries::ekMv);
        boolean ekChanges = false;
        for (var c : j.getAsJsonArray("changes")) {
            JsonObject o = c.getAsJsonObject();
            if (o.get("name").getAsString().endsWith(".EK")) {
                ekChanges |= o.get("significant").getAsBoolean();
            }
        }
        // the wall time when the machine is free (load ≤ 2.5 on 2 cores), else the CPU seconds over 2 threads
        double wall = j.get("load").getAsDouble() <= 2.5 ? j.get("wall_s").getAsDouble()
                : j.get("cpu_s").getAsDouble() / 2;
        long t1 = System.nanoTime();
        JsonObject again = run(data.resolve("manifest.csv"), out, false);
        System.out.printf("re-run: %.1f s, resumed %d%n", (System.nanoTime() - t1) / 1e9,
                again.getAsJsonObject("recordings").get("resumed").getAsInt());
        assertTrue(ekChanges, "EK reported as changing");
        assertEquals("EK", first, "reversal EK ranks first");
        assertFalse(m.get("winner").getAsString().startsWith("extra"), "no extra conductance named");
        assertTrue(Math.max(r2, r2classic) > 0.9, "EK law R² " + r2 + " / " + r2classic);
        assertTrue(wall < 900, "time on 2 free cores " + wall);
        assertEquals(15, again.getAsJsonObject("recordings").get("resumed").getAsInt());
    }

    @Test
    void aLearnedStatesConductanceChangeIsFound() throws Exception {
        if (!series().contains("gm")) {
            return;
        }
        Path data = seriesData(GlucoseSeries.Kind.GM_SHIFT, "gm");
        JsonObject j = run(data.resolve("manifest.csv"), Path.of("target", "bench-compare-gm"),
                !Boolean.getBoolean("compare.resume"), "model", "traub-rs", "method", "hybrid", "options",
                "latent=1,steps=300");
        boolean gChanges = false;
        for (var c : j.getAsJsonArray("changes")) {
            JsonObject o = c.getAsJsonObject();
            if (o.get("name").getAsString().endsWith(".gz1")) {
                gChanges |= o.get("significant").getAsBoolean();
            }
        }
        double r2 = lawR2(j, "hybrid.gz1", GlucoseSeries::gmNs);
        System.out.printf("gz1 changes: %s, law R² vs truth %.3f%n", gChanges, r2);
        assertTrue(gChanges, "the learned state's conductance is reported as changing");
        String winner = j.getAsJsonObject("mechanisms").get("winner").getAsString();
        System.out.printf("verdict: %s%n", j.getAsJsonObject("mechanisms").get("verdict").getAsString());
        assertTrue(winner.startsWith("learned state"), "winner " + winner);
    }

    @Test
    void aKineticShiftIsNamed() throws Exception {
        if (!series().contains("vt")) {
            return;
        }
        JsonObject j = run(seriesData(GlucoseSeries.Kind.VT_SHIFT, "vt").resolve("manifest.csv"),
                Path.of("target", "bench-compare-vt"), !Boolean.getBoolean("compare.resume"));
        JsonObject m = mechanisms(j);
        System.out.printf("verdict: %s%n", m.get("verdict").getAsString());
        assertEquals("kinetic shift VT(G)", m.get("winner").getAsString());
        JsonObject perLevel = m.getAsJsonArray("ranking").get(0).getAsJsonObject().getAsJsonObject("per_level");
        for (String level : perLevel.keySet()) {
            assertEquals(GlucoseSeries.vtMv(Double.parseDouble(level)), perLevel.get(level).getAsDouble(), 2.0,
                    "VT at " + level);
        }
    }

    @Test
    void aSodiumConductanceChangeIsNamedOrNotDistinguishedFromTheWinner() throws Exception {
        if (series().contains("gna")) {
            assertNamedOrTied(GlucoseSeries.Kind.GNA_SHIFT, "gna", "gNa");
        }
    }

    /** Held-out series: added after the mechanism rule was last changed (delayed-rectifier availability). */
    @Test
    void aPotassiumConductanceChangeIsNamedOrNotDistinguishedFromTheWinner() throws Exception {
        if (series().contains("gk")) {
            assertNamedOrTied(GlucoseSeries.Kind.GK_SHIFT, "gk", "gK");
        }
    }

    /** Held-out series: added after the mechanism rule was last changed (a sodium reversal shift). */
    @Test
    void aSodiumReversalShiftIsNamedOrNotDistinguishedFromTheWinner() throws Exception {
        if (series().contains("ena")) {
            assertNamedOrTied(GlucoseSeries.Kind.ENA_SHIFT, "ena", "ENa");
        }
    }

    /** The gM series with the model that has the M-current (classic traub-rs-m): the conductance gM acts. */
    @Test
    void anMCurrentConductanceChangeIsNamedOrNotDistinguishedFromTheWinner() throws Exception {
        if (series().contains("gmc")) {
            assertNamedOrTied(GlucoseSeries.Kind.GM_SHIFT, "gmc", "gM");
        }
    }

    /**
     * Runs the series with classic traub-rs-m fits; the changed parameter's mechanism must be the winner or a
     * changing one the recordings do not tell apart from it (gNa and ENa both set the sodium current's size).
     */
    private static void assertNamedOrTied(GlucoseSeries.Kind kind, String name, String parameter) throws Exception {
        JsonObject j = run(seriesData(kind, name.equals("gmc") ? "gm" : name).resolve("manifest.csv"),
                Path.of("target", "bench-compare-" + name), !Boolean.getBoolean("compare.resume"));
        JsonObject m = mechanisms(j);
        System.out.printf("verdict: %s%n", m.get("verdict").getAsString());
        boolean named = false;
        for (var r : m.getAsJsonArray("ranking")) {
            JsonObject o = r.getAsJsonObject();
            if (o.get("parameter").getAsString().equals(parameter)) {
                named = o.get("mechanism").getAsString().equals(m.get("winner").getAsString())
                        || o.get("not_distinguished_from_best").getAsBoolean() && o.get("parameter_changes").getAsBoolean();
            }
        }
        assertTrue(named, parameter + " named or not distinguished from the winner");
    }

    @Test
    void aControlSeriesReportsNoChangeAndNoMechanism() throws Exception {
        if (!series().contains("control")) {
            return;
        }
        Path data = seriesData(GlucoseSeries.Kind.CONTROL, "control");
        JsonObject j = run(data.resolve("manifest.csv"), Path.of("target", "bench-compare-control"),
                !Boolean.getBoolean("compare.resume"));
        long changed = 0;
        for (var c : j.getAsJsonArray("changes")) {
            changed += c.getAsJsonObject().get("significant").getAsBoolean() ? 1 : 0;
        }
        assertEquals(0, changed, "changes in the control");
        assertEquals("", mechanisms(j).get("winner").getAsString());
    }

    @Test
    void publicGlucoseSetRanksTheExtraConductanceFirst() throws Exception {
        if (!series().contains("public")) {
            return;
        }
        JsonObject j = run(SharedData.path("bench/public/glucose/manifest.csv"), Path.of("target", "bench-compare-public"),
                !Boolean.getBoolean("compare.resume"));
        JsonObject x = j.getAsJsonObject("extra_conductance");
        double ex = x.getAsJsonObject("EX_mV").get("value").getAsDouble();
        System.out.printf("decomposition EX %.2f mV%n", ex);
        boolean allWithin = true;
        for (var e : x.getAsJsonArray("per_condition")) {
            JsonObject p = e.getAsJsonObject();
            double g = p.get("value").getAsDouble();
            double truth = 5.0 / (1 + Math.pow(g / 1.5, 2.0));
            double est = p.getAsJsonObject("gX_nS").get("mean").getAsDouble();
            boolean ok = Math.abs(est - truth) <= Math.max(0.2 * truth, 0.3);
            allWithin &= ok;
            System.out.printf("  G=%5.2f gX %.3f truth %.3f %s%n", g, est, truth, ok ? "ok" : "OUT");
        }
        double r2 = lawR2(j, "gX (nS)", g -> 5.0 / (1 + Math.pow(g / 1.5, 2.0)));
        JsonArray ranking = mechanisms(j).getAsJsonArray("ranking");
        String first = ranking.get(0).getAsJsonObject().get("kind").getAsString();
        assertTrue(Math.abs(ex + 90) <= 5, "EX " + ex);
        assertTrue(allWithin, "gX per level");
        assertTrue(r2 > 0.95, "R² " + r2);
        assertEquals(Mechanism.EXTRA, first, "extra conductance ranks first");
    }
}
