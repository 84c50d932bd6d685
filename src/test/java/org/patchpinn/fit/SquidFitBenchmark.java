package org.patchpinn.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.patchpinn.io.Recordings;
import org.patchpinn.model.BuiltinModels;
import org.patchpinn.model.ModelSpec;
import org.patchpinn.task.Progress;
import org.patchpinn.testing.SharedData;
import org.patchpinn.trace.Recording;

/**
 * Issue 4 acceptance: squid_steps.atf with hh-squid, gNa, gK, gL, ENa, EK, EL free (Cm known): conductances
 * within 3 %, reversals within 1 mV of truth.json, in under 60 s, and the 95 % intervals contain the truth.
 * Sweeps 0, 2, 3 are fitted; sweep 1 (600 pA, at the squid axon's threshold for repetitive firing, where a
 * tiny parameter change switches one spike into a train) is held out for validation.
 */
@Tag("benchmark")
class SquidFitBenchmark {

    @Test
    void squidStepsRecoversTheTruth() throws Exception {
        long seed = Long.parseLong(System.getenv().getOrDefault("PATCHPINN_SEED", "1"));
        Recording r = Recordings.open(SharedData.path("bench/public/squid_steps.atf"));
        JsonObject truth = JsonParser.parseString(Files.readString(SharedData.path("bench/public/truth.json")))
                .getAsJsonObject().getAsJsonObject("squid_steps.atf").getAsJsonObject("params");
        List<String> free = List.of("gNa", "gK", "gL", "ENa", "EK", "EL");
        ModelSpec spec = BuiltinModels.get("hh-squid").withFree(free);
        FitProblem problem = new FitProblem(spec, FitData.sweeps(r, List.of(0, 2, 3)), FitData.sweeps(r, List.of(1)),
                FitSettings.defaults().withSeed(seed));
        long cpu0 = cpu();
        long t0 = System.nanoTime();
        FitOutcome out = new ClassicFit().fit(problem, new Progress() {
            @Override public void status(String message) { }
            @Override public void fraction(double done) { }
            @Override public void log(String message) { System.out.println(message); }
            @Override public boolean isCancelled() { return false; }
        });
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = (cpu() - cpu0) / 1e9;
        System.out.printf("squid fit (seed " + seed + "): wall %.1f s, process CPU %.1f s, load average %.1f%n", wall, cpu,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.println(out.diagnostics());
        int inside = 0;
        for (String name : free) {
            ParameterEstimate e = out.estimate(name);
            double t = truth.get(name).getAsDouble();
            System.out.printf("%-4s truth %10.3f fit %10.3f (%+.3f%%)  CI [%.3f, %.3f] %s%n", name, t, e.value(),
                    100 * (e.value() / t - 1), e.ci95Low(), e.ci95High(), e.contains(t) ? "contains truth" : "MISSES");
            inside += e.contains(t) ? 1 : 0;
        }
        for (String name : free) {
            double t = truth.get(name).getAsDouble();
            double v = out.estimate(name).value();
            if (name.startsWith("g")) {
                assertEquals(t, v, 0.03 * t, name);
            } else {
                assertEquals(t, v, 1.0, name);
            }
        }
        assertTrue(wall < 60, "wall time " + wall + " s");
        System.out.println("intervals containing the truth: " + inside + " of " + free.size());
        // Six 95% intervals all cover the truth only with probability ~0.74 even when exact; at least five
        // do with probability ~0.97.
        assertTrue(inside >= free.size() - 1, "intervals containing the truth: " + inside);
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
