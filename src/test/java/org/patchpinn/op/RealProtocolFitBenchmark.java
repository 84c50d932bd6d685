package org.patchpinn.op;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchpinn.report.OutputFolder;
import org.patchpinn.task.Progress;
import org.patchpinn.testing.SharedData;

/**
 * Cells whose truth is known, simulated on the command waveforms of the public real recordings (their prepulses,
 * second test steps and holding stretches of 23–1147 ms, in 1–3 s sweeps) rather than on one step per sweep, each
 * fitted with {@code fit FILE --model traub-rs-m} and nothing else: #12's criteria against the copy's own data and the
 * passive parameters against the truth. Values chosen before any fit was run on them (session 24, rule Q1). Run:
 * {@code mvn test -Pbenchmark -Dtest=RealProtocolFitBenchmark} (2–8 min of CPU per cell).
 */
@Tag("benchmark")
class RealProtocolFitBenchmark {
    /** Name, model, truth, protocol's recording, noise seed. */
    record Cell(String name, String model, String values, String protocol, int seed) { }

    static final List<Cell> CELLS = List.of(
            new Cell("q1 hypothalamic-like, ~0.8 GOhm", "traub-rs-m",
                    "Cm=25,gNa=1500,gK=180,gL=1.0,EL=-65,VT=-50,gM=1.5", "17o05028_ic_steps.abf", 51),
            new Cell("q2 delayed firing", "traub-rs-a", "Cm=90,gNa=5000,gK=600,gL=2,gA=40,VT=-55,EL=-72,gM=6",
                    "171116sh_0018.abf", 52),
            new Cell("q3 sag", "traub-rs-h", "Cm=150,gNa=8000,gK=900,gL=3.5,gH=12,VT=-56,EL=-68,gM=8",
                    "18711001.abf", 53),
            new Cell("q4 fast spiking", "traub-fs", "Cm=50,gNa=3500,gK=900,gL=3,EL=-67,VT=-54", "File_axon_5.abf", 54),
            new Cell("q5 room temperature", "traub-rs-m",
                    "Cm=80,gNa=4000,gK=500,gL=2,EL=-66,VT=-52,gM=4,qNa=0.4,qK=0.4", "171116sh_0018.abf", 55));

    @Test
    void fitsKnownCellsOnRealProtocols(@TempDir Path dir) {
        for (Cell cell : CELLS) {
            Path out = dir.resolve("sim" + cell.seed());
            SimulateOperation sim = new SimulateOperation();
            OperationResult s = sim.run(ParamValues.of(sim.params(), "model", cell.model(), "values", cell.values(),
                    "file", SharedData.path("data/abf/" + cell.protocol()).toString(), "noise_mv", "0.3",
                    "seed", Integer.toString(cell.seed()), "out", out.toString()), Progress.NONE);
            s.writeTo(new OutputFolder(out));
            FitOperation fit = new FitOperation();
            OperationResult r = fit.run(ParamValues.of(fit.params(), "file", out.resolve("simulated.atf").toString(),
                    "model", "traub-rs-m", "ci", "false"), Progress.NONE);
            JsonObject c = r.json().getAsJsonObject("cell");
            JsonObject e = c.getAsJsonObject("error");
            System.out.printf(Locale.ROOT, "%s (%s %s, on %s): %d/%d step sweeps in count tolerance; rheobase %s "
                            + "steps; rest %+.1f mV; Rin %+.1f %%; tau %+.1f %%; test Γ %s; %.0f s CPU%n", cell.name(),
                    cell.model(), cell.values(), cell.protocol(), c.get("spike_count_within_tolerance").getAsInt(),
                    c.get("step_sweeps").getAsInt(), e.get("rheobase_steps"), e.get("rest_mV").getAsDouble(),
                    100 * e.get("input_resistance_rel").getAsDouble(), 100 * e.get("time_constant_rel").getAsDouble(),
                    r.json().getAsJsonObject("validation").get("test_gamma"),
                    r.json().getAsJsonObject("timing").get("process_cpu_s").getAsDouble());
            List<String> values = new ArrayList<>();
            JsonObject p = r.json().getAsJsonObject("parameters");
            for (String kv : cell.values().split(",")) {
                String name = kv.split("=")[0];
                if (p.has(name)) {
                    values.add(String.format(Locale.ROOT, "%s %.4g (%s)", name,
                            p.getAsJsonObject(name).get("value").getAsDouble(), kv.split("=")[1]));
                }
            }
            System.out.println("      fitted (truth): " + String.join(", ", values));
        }
    }
}
