package org.patchpinn.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchpinn.InvalidParameterException;
import org.patchpinn.PatchPinnException;
import org.patchpinn.report.OutputFolder;
import org.patchpinn.task.Progress;
import org.patchpinn.testing.SharedData;

/** simulate → simulated.atf → fit, through the operations as a host calls them, and their bad-input errors. */
class FitOperationTest {

    private static OperationResult run(Operation op, Path out, String... kv) {
        String[] all = java.util.Arrays.copyOf(kv, kv.length + 2);
        all[kv.length] = "out";
        all[kv.length + 1] = out.toString();
        OperationResult r = op.run(ParamValues.of(op.params(), all), Progress.NONE);
        r.writeTo(new OutputFolder(out));
        return r;
    }

    @Test
    void simulateThenFitWritesEveryOutput(@TempDir Path dir) throws Exception {
        Path sim = dir.resolve("sim");
        run(new SimulateOperation(), sim, "values", "gK=3300", "amplitudes", "400,800,650", "start_ms", "20",
                "duration_ms", "100", "total_ms", "150", "dt_ms", "0.1", "noise_mv", "0.3");
        for (String f : new String[] {"result.json", "simulated.atf", "sweep_0.csv", "traces.png", "model.model"}) {
            assertTrue(Files.isRegularFile(sim.resolve(f)), f);
        }
        Path fit = dir.resolve("fit");
        OperationResult r = run(new FitOperation(), fit, "file", sim.resolve("simulated.atf").toString(),
                "fit", "gK", "max_evaluations", "150");
        JsonObject json = JsonParser.parseString(Files.readString(fit.resolve("result.json"))).getAsJsonObject();
        JsonObject gK = json.getAsJsonObject("parameters").getAsJsonObject("gK");
        assertEquals(3300, gK.get("value").getAsDouble(), 33);
        assertEquals("nS", gK.get("unit").getAsString());
        assertEquals(2, gK.getAsJsonArray("ci95").size());
        JsonObject validation = json.getAsJsonObject("validation");
        assertTrue(validation.get("holdout_gamma").getAsDouble() > 0.9);
        assertTrue(validation.get("holdout_rmse_mV").getAsDouble() < 0.6);
        assertEquals(1, validation.get("test_gamma_sweeps").getAsInt());
        assertEquals(0, validation.get("test_silent_sweeps").getAsInt());
        assertEquals(0, validation.get("test_first_spike_latency_error_ms").getAsDouble(), 0.5);
        assertEquals(2, json.getAsJsonArray("holdout_sweeps").get(0).getAsInt());
        assertTrue(validation.getAsJsonArray("sweeps").get(0).getAsJsonObject().getAsJsonObject("features")
                .has("Spikecount"));
        for (String f : new String[] {"parameters.csv", "validation.csv", "states.csv", "fitted.model",
                "sweep_0.png", "sweep_2.png", "intervals.png", "fit_loss.csv"}) {
            assertTrue(Files.isRegularFile(fit.resolve(f)), f);
        }
        assertTrue(Files.readAllLines(fit.resolve("states.csv")).get(0).startsWith(
                "sweep,time (ms),data V (mV),model V (mV),m (1),h (1),n (1)"));
        assertTrue(r.summary().contains("held-out"));
    }

    @Test
    void badInputIsNamed(@TempDir Path dir) throws Exception {
        Path sim = dir.resolve("sim");
        run(new SimulateOperation(), sim, "amplitudes", "500,700", "total_ms", "60", "start_ms", "10",
                "duration_ms", "30");
        String atf = sim.resolve("simulated.atf").toString();
        FitOperation fit = new FitOperation();
        InvalidParameterException unknown = assertThrows(InvalidParameterException.class,
                () -> fit.run(ParamValues.of(fit.params(), "file", atf, "fit", "gNa,gCa"), Progress.NONE));
        assertTrue(unknown.getMessage().contains("'fit'") && unknown.getMessage().contains("gCa"),
                unknown.getMessage());
        InvalidParameterException both = assertThrows(InvalidParameterException.class,
                () -> fit.run(ParamValues.of(fit.params(), "file", atf, "sweeps", "0,1", "holdout", "1"),
                        Progress.NONE));
        assertTrue(both.getMessage().contains("both fitted and held out"), both.getMessage());
        InvalidParameterException bounds = assertThrows(InvalidParameterException.class,
                () -> fit.run(ParamValues.of(fit.params(), "file", atf, "values", "gK=1e9"), Progress.NONE));
        assertTrue(bounds.getMessage().contains("gK") && bounds.getMessage().contains("outside its bounds"),
                bounds.getMessage());
        assertThrows(InvalidParameterException.class,
                () -> ParamValues.of(fit.params(), "file", atf, "method", "magic"));
        Path model = dir.resolve("bad.model");
        Files.writeString(model, "model bad\ncapacitance C\nparam C = 100 pF\nparam g = 10 nS\nparam E = 0 mV\n"
                + "gate a inf = 1/(1+exp(-(V+x)/5))\ngate a tau = 2\ncurrent I = g * a * (V - E)\n");
        InvalidParameterException file = assertThrows(InvalidParameterException.class,
                () -> fit.run(ParamValues.of(fit.params(), "file", atf, "model", model.toString()), Progress.NONE));
        assertTrue(file.getMessage().contains("bad.model line 6") && file.getMessage().contains("'x'"),
                file.getMessage());
        PatchPinnException sweep = assertThrows(PatchPinnException.class,
                () -> fit.run(ParamValues.of(fit.params(), "file", atf, "sweeps", "5"), Progress.NONE));
        assertTrue(sweep.getMessage().contains("no sweep 5"), sweep.getMessage());
        String empty = SharedData.path("data/other/myokit/wcp-file-empty.wcp").toString();
        PatchPinnException none = assertThrows(PatchPinnException.class,
                () -> fit.run(ParamValues.of(fit.params(), "file", empty), Progress.NONE));
        assertTrue(none.getMessage().contains("wcp-file-empty.wcp has no sweeps"), none.getMessage());
    }
}
