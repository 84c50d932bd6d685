package org.patchpinn.op;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchpinn.report.OutputFolder;
import org.patchpinn.task.Progress;

/**
 * What real-recording artefacts do to the staged fit of a cell whose truth is known: one traub-rs-m cell (values
 * chosen before any fit, session 22) simulated on 15 steps, then copies of its ATF with a bridge-balance error
 * (V + Rs·I, Rs 15 MΩ), 50 Hz mains hum (0.3 mV), a baseline drift (an offset falling by 4 mV over the sweeps) and
 * all three, each fitted with {@code fit FILE --model traub-rs-m} and nothing else chosen. Prints #12's criteria
 * (against the copy's own data, as a user sees them) and the fitted parameters against the truth. One fit per copy:
 * the fit's own spread over seeds is not measured here. Run: {@code mvn test -Pbenchmark
 * -Dtest=ArtefactRobustnessBenchmark} (about 5 min of CPU per copy).
 */
@Tag("benchmark")
class ArtefactRobustnessBenchmark {
    static final String TRUTH = "Cm=140,gNa=7000,gK=800,gL=3.5,EL=-68,VT=-55,gM=10";
    static final double RS_MOHM = 15;
    static final double HUM_MV = 0.3;
    static final double HUM_HZ = 50;
    static final double DRIFT_MV = -4;

    @Test
    void fitsACellUnderEachArtefact(@TempDir Path dir) throws IOException {
        SimulateOperation sim = new SimulateOperation();
        OperationResult s = sim.run(ParamValues.of(sim.params(), "model", "traub-rs-m", "values", TRUTH,
                "amplitudes", "-100,-75,-50,-25,0,25,50,75,100,125,150,175,200,225,250", "start_ms", "200",
                "duration_ms", "1000", "total_ms", "1500", "noise_mv", "0.3", "seed", "41", "out",
                dir.resolve("clean").toString()), Progress.NONE);
        s.writeTo(new OutputFolder(dir.resolve("clean")));
        Path clean = dir.resolve("clean").resolve("simulated.atf");
        System.out.println("truth: " + TRUTH);
        for (String kinds : List.of("", "b", "h", "d", "bhd")) {
            Path file = kinds.isEmpty() ? clean : withArtefacts(clean, dir.resolve(kinds + ".atf"), kinds);
            FitOperation fit = new FitOperation();
            OperationResult r = fit.run(ParamValues.of(fit.params(), "file", file.toString(), "model", "traub-rs-m",
                    "ci", "false"), Progress.NONE);
            JsonObject c = r.json().getAsJsonObject("cell");
            JsonObject e = c.getAsJsonObject("error");
            System.out.printf(Locale.ROOT, "%-5s %d/%d step sweeps in count tolerance; rheobase %s steps; rest %+.1f mV; "
                            + "Rin %+.1f %%; tau %+.1f %%; test Γ %s; %.0f s CPU%n", kinds.isEmpty() ? "clean" : kinds,
                    c.get("spike_count_within_tolerance").getAsInt(), c.get("step_sweeps").getAsInt(),
                    e.get("rheobase_steps"), e.get("rest_mV").getAsDouble(),
                    100 * e.get("input_resistance_rel").getAsDouble(), 100 * e.get("time_constant_rel").getAsDouble(),
                    r.json().getAsJsonObject("validation").get("test_gamma"),
                    r.json().getAsJsonObject("timing").get("process_cpu_s").getAsDouble());
            List<String> values = new ArrayList<>();
            r.json().getAsJsonObject("parameters").entrySet().forEach(p -> values.add(String.format(Locale.ROOT,
                    "%s=%.4g", p.getKey(), p.getValue().getAsJsonObject().get("value").getAsDouble())));
            System.out.println("      fitted: " + String.join(",", values));
        }
    }

    /**
     * A copy of a simulated ATF (time, then V and I per sweep) with the artefacts named by {@code kinds}: b (bridge),
     * h (hum, its phase moving from sweep to sweep), d (drift, sweep k of n offset by DRIFT_MV·k/(n − 1)).
     */
    static Path withArtefacts(Path atf, Path out, String kinds) throws IOException {
        List<String> lines = Files.readAllLines(atf);
        int headerRecords = Integer.parseInt(lines.get(1).split("\t")[0].trim());
        int firstData = 2 + headerRecords + 1;
        List<String> result = new ArrayList<>(lines.subList(0, firstData));
        for (String line : lines.subList(firstData, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t");
            int sweeps = (f.length - 1) / 2;
            double tMs = Double.parseDouble(f[0]);
            for (int k = 0; k < sweeps; k++) {
                double v = Double.parseDouble(f[1 + 2 * k]);
                double iPa = Double.parseDouble(f[2 + 2 * k]);
                if (kinds.contains("b")) {
                    v += RS_MOHM * iPa / 1000; // MΩ · pA = µV
                }
                if (kinds.contains("h")) {
                    v += HUM_MV * Math.sin(2 * Math.PI * HUM_HZ * tMs / 1000 + 0.7 * k);
                }
                if (kinds.contains("d")) {
                    v += DRIFT_MV * k / (sweeps - 1);
                }
                f[1 + 2 * k] = String.format(Locale.ROOT, "%.5f", v);
            }
            result.add(String.join("\t", f));
        }
        Files.write(out, result);
        return out;
    }
}
