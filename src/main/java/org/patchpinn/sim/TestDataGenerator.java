package org.patchpinn.sim;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.patchpinn.io.AtfWriter;
import org.patchpinn.model.BuiltinModels;
import org.patchpinn.model.ModelSpec;
import org.patchpinn.model.Parameter;
import org.patchpinn.report.Json;
import org.patchpinn.trace.Recording;

/**
 * Writes the project's own example recordings with their ground truth into {@code test-data/}: for each
 * data set {@code NAME.atf} (current clamp, V in mV and command in pA per sweep) and {@code NAME.truth.json}
 * (model, parameter values with units, stimulus amplitudes, noise, seed). Deterministic: a test checks
 * that the committed files are exactly what this class produces.
 *
 * <p>Regenerate with {@code mvn -q -o compile && java -cp "target/classes:$(cat cp.txt)"
 * org.patchpinn.sim.TestDataGenerator test-data} (see README).
 */
public final class TestDataGenerator {
    /** One bundled data set; {@code demoFit} lists the parameters the demo verb fits (null: not fitted). */
    public record DataSet(String name, String description, ModelSpec model, Map<String, Double> changes,
                          double[] amplitudesPa, double stepStartMs, double stepMs, double durationMs, double dtMs,
                          NoiseModel noise, long seed, String demoFit) {
        /** The model's parameter values with the changes applied (the ground truth). */
        public double[] params() {
            ModelSpec m = model;
            for (Map.Entry<String, Double> e : changes.entrySet()) {
                m = m.withValue(e.getKey(), e.getValue());
            }
            return m.values();
        }

        public List<Stimulus> commands() {
            List<Stimulus> s = new ArrayList<>();
            for (double a : amplitudesPa) {
                s.add(Stimuli.step(stepStartMs, stepMs, a));
            }
            return s;
        }

        public Recording recording() {
            return SyntheticRecording.generate(model, params(), commands(), durationMs, dtMs, noise, seed);
        }
    }

    private TestDataGenerator() {
    }

    /** The bundled data sets. */
    public static List<DataSet> dataSets() {
        return List.of(
                new DataSet("hh_squid_steps",
                        "squid axon (hh-squid) with changed conductances and reversals; 3 current steps",
                        BuiltinModels.get("hh-squid"),
                        Map.of("gNa", 13000.0, "gK", 3300.0, "gL", 33.0, "ENa", 52.0, "EK", -75.0, "EL", -54.0),
                        new double[] {250, 600, 1000}, 50, 200, 300, 0.1, NoiseModel.white(0.5), 4001,
                        "gNa,gK,gL,ENa,EK,EL"),
                new DataSet("rs_adapting_steps",
                        "regular-spiking cortical cell with M-current (traub-rs-m): adaptation; 3 current steps",
                        BuiltinModels.get("traub-rs-m"), Map.of(),
                        new double[] {150, 250, 400}, 50, 300, 400, 0.05, new NoiseModel(0.3, 5, 3), 4002, null));
    }

    /** The truth record written beside a data set's ATF file. */
    public static JsonObject truth(DataSet d) {
        JsonObject o = new JsonObject();
        o.addProperty("file", d.name() + ".atf");
        o.addProperty("description", d.description());
        o.addProperty("model", d.model().name());
        o.addProperty("units", "pF nS mV ms pA");
        double[] p = d.params();
        JsonObject params = new JsonObject();
        JsonObject units = new JsonObject();
        for (int i = 0; i < p.length; i++) {
            Parameter q = d.model().parameters().get(i);
            params.addProperty(q.name(), p[i]);
            units.addProperty(q.name(), q.unit());
        }
        o.add("params", params);
        o.add("param_units", units);
        JsonArray amps = new JsonArray();
        for (double a : d.amplitudesPa()) {
            amps.add(a);
        }
        o.add("stimulus_pA", amps);
        o.addProperty("step_start_ms", d.stepStartMs());
        o.addProperty("step_duration_ms", d.stepMs());
        o.addProperty("sweep_duration_ms", d.durationMs());
        o.addProperty("dt_ms", d.dtMs());
        JsonObject noise = new JsonObject();
        noise.addProperty("voltage_sd_mV", d.noise().voltageSdMv());
        noise.addProperty("ou_current_sd_pA", d.noise().currentSdPa());
        noise.addProperty("ou_current_tau_ms", d.noise().currentTauMs());
        o.add("noise", noise);
        o.addProperty("seed", d.seed());
        o.addProperty("generator", TestDataGenerator.class.getName());
        if (d.demoFit() != null) {
            // The demo verb fits recordings that say how: the model and the parameters to fit.
            JsonObject fit = new JsonObject();
            fit.addProperty("model", d.model().name());
            fit.addProperty("fit", d.demoFit());
            o.add("demo_fit", fit);
        }
        return o;
    }

    /** The ATF bytes of a data set. */
    public static byte[] atf(DataSet d) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AtfWriter.write(d.recording(), out);
        return out.toByteArray();
    }

    public static void write(Path folder) throws IOException {
        Files.createDirectories(folder);
        for (DataSet d : dataSets()) {
            Files.write(folder.resolve(d.name() + ".atf"), atf(d));
            Files.writeString(folder.resolve(d.name() + ".truth.json"), Json.toJson(truth(d)) + "\n",
                    StandardCharsets.UTF_8);
            System.out.println("wrote " + folder.resolve(d.name() + ".atf"));
        }
    }

    public static void main(String[] args) throws IOException {
        write(Path.of(args.length > 0 ? args[0] : "test-data"));
    }
}
