package org.patchpinn.op;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchpinn.io.AtfWriter;
import org.patchpinn.model.BuiltinModels;
import org.patchpinn.model.ModelSpec;
import org.patchpinn.sim.NoiseModel;
import org.patchpinn.sim.Stimuli;
import org.patchpinn.sim.SyntheticRecording;
import org.patchpinn.task.Progress;
import org.patchpinn.trace.Recording;
import org.patchpinn.trace.Sweep;
import org.patchpinn.trace.Trace;

/**
 * The staged fit on cells that fire at the holding current (pacemakers, common among hypothalamic neurons), whose
 * truth is known: each sweep is simulated after a lead-in at the holding current whose length is drawn per sweep and
 * then cropped, so every sweep starts somewhere in the firing cycle, as a real recording does (a simulation started
 * at the model's fixed point would start every sweep in the same phase). 1 s steps in 1.5 s sweeps, 0.3 mV noise;
 * {@code fit FILE --model traub-rs-m}, nothing else chosen. Prints #12's criteria as the fit reports them, the
 * spikes at the holding current of data and model, and the passive parameters against the truth. The cells are four
 * of session 23's (spr1, spr5, spr11, spr12), whose values were drawn only so that they fire at 0 pA. Run:
 * {@code mvn test -Pbenchmark -Dtest=PacemakerFitBenchmark} (about 2–3 min of CPU per cell).
 */
@Tag("benchmark")
class PacemakerFitBenchmark {
    static final double DT_MS = 0.05;
    static final double STEP_FROM_MS = 200;
    static final double STEP_MS = 1000;
    static final double SWEEP_MS = 1500;

    record Cell(String name, String model, String values, double[] amplitudesPa, long seed) { }

    static final List<Cell> CELLS = List.of(
            new Cell("spr1", "traub-rs-m", "Cm=40,gNa=2500,gK=300,gL=1.2,EL=-35,VT=-53,gM=3", range(-60, 60, 10), 7),
            new Cell("spr5", "traub-rs-m", "Cm=80,gNa=5000,gK=700,gL=2.5,EL=-36,VT=-55,gM=5", range(-100, 100, 25), 11),
            new Cell("spr11", "traub-rs-m", "Cm=100,gNa=6000,gK=800,gL=3,EL=-38,VT=-56,gM=6", range(-120, 120, 30), 17),
            new Cell("spr12", "traub-rs-a", "Cm=30,gNa=1800,gK=250,gL=0.9,EL=-34,VT=-52,gM=1.5,gA=8",
                    range(-40, 50, 10), 18));

    @Test
    void fitsCellsThatFireAtTheHoldingCurrent(@TempDir Path dir) throws IOException {
        for (Cell cell : CELLS) {
            Path file = dir.resolve(cell.name() + ".atf");
            try (OutputStream out = Files.newOutputStream(file)) {
                AtfWriter.write(recording(cell), out);
            }
            FitOperation fit = new FitOperation();
            OperationResult r = fit.run(ParamValues.of(fit.params(), "file", file.toString(), "model", "traub-rs-m",
                    "ci", "false"), Progress.NONE);
            JsonObject c = r.json().getAsJsonObject("cell");
            JsonObject e = c.getAsJsonObject("error");
            int dataHolding = 0;
            int modelHolding = 0;
            for (JsonElement row : c.getAsJsonArray("fi_curve")) {
                dataHolding += row.getAsJsonObject().get("spikes_at_holding_data").getAsInt();
                modelHolding += row.getAsJsonObject().get("spikes_at_holding_model").getAsInt();
            }
            JsonObject p = r.json().getAsJsonObject("parameters");
            System.out.printf(Locale.ROOT, "%-6s %s %s%n       %d/%d step sweeps in count tolerance; rheobase %s "
                            + "steps; rest %s mV; Rin %s %%; tau %s %%; test Γ %s; spikes at holding %d data, "
                            + "%d model; fitted Cm %.1f, gL %.2f, EL %.1f; %.0f s CPU%n", cell.name(), cell.model(),
                    cell.values(), c.get("spike_count_within_tolerance").getAsInt(), c.get("step_sweeps").getAsInt(),
                    e.get("rheobase_steps"), signed(e.get("rest_mV"), 1), signed(e.get("input_resistance_rel"), 100),
                    signed(e.get("time_constant_rel"), 100), r.json().getAsJsonObject("validation").get("test_gamma"),
                    dataHolding, modelHolding, value(p, "Cm"), value(p, "gL"), value(p, "EL"),
                    r.json().getAsJsonObject("timing").get("process_cpu_s").getAsDouble());
        }
    }

    /** The cell's recording: per sweep a lead-in of 2.0–2.4 s at the holding current (0 pA), cropped. */
    static Recording recording(Cell cell) {
        ModelSpec m = BuiltinModels.get(cell.model());
        for (String kv : cell.values().split(",")) {
            String[] p = kv.split("=");
            m = m.withValue(p[0], Double.parseDouble(p[1]));
        }
        SplittableRandom rnd = new SplittableRandom(cell.seed());
        Recording.Builder b = Recording.builder().format("simulated", "").sampleRateHz(1000.0 / DT_MS)
                .channel("Vm", "mV").commandUnit("pA").protocol("pacemaker " + cell.name());
        int n = (int) Math.round(SWEEP_MS / DT_MS);
        for (int k = 0; k < cell.amplitudesPa().length; k++) {
            double lead = 2000 + 400 * rnd.nextDouble();
            Recording one = SyntheticRecording.generate(m, m.values(), List.of(Stimuli.step(lead + STEP_FROM_MS,
                    STEP_MS, cell.amplitudesPa()[k])), lead + SWEEP_MS, DT_MS, NoiseModel.white(0.3),
                    cell.seed() * 100 + k);
            int from = (int) Math.round(lead / DT_MS);
            Sweep s = one.sweep(0);
            double[] v = Arrays.copyOfRange(s.channel(0).toDoubleArray(), from, from + n);
            double[] cmd = Arrays.copyOfRange(s.command().toDoubleArray(), from, from + n);
            b.sweep(new Sweep(List.of(Trace.of(v)), Trace.of(cmd)));
        }
        return b.build();
    }

    static double[] range(double from, double to, double step) {
        int n = (int) Math.round((to - from) / step) + 1;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = from + i * step;
        }
        return out;
    }

    /** A JSON number times {@code scale} with its sign, or "n/a" where it is null (not measured). */
    private static String signed(JsonElement x, double scale) {
        return x == null || x.isJsonNull() ? "n/a" : String.format(Locale.ROOT, "%+.1f", scale * x.getAsDouble());
    }

    private static double value(JsonObject parameters, String name) {
        return parameters.getAsJsonObject(name).get("value").getAsDouble();
    }
}
