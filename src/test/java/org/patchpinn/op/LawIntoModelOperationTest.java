package org.patchpinn.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchpinn.PatchPinnException;
import org.patchpinn.features.SpikeTimes;
import org.patchpinn.model.BuiltinModels;
import org.patchpinn.model.ModelFileParser;
import org.patchpinn.model.ModelSpec;
import org.patchpinn.report.OutputFolder;
import org.patchpinn.sim.Simulator;
import org.patchpinn.sim.Stimuli;
import org.patchpinn.task.Progress;

/**
 * The last step of the loop: sr laws into a model file that simulates. With the M-current's own laws, the
 * extended traub-rs model must behave as the built-in traub-rs-m.
 */
class LawIntoModelOperationTest {
    @TempDir
    Path dir;

    /** A minimal sr result.json with one input column. */
    private Path result(String name, String input, String sympy) throws IOException {
        Path p = dir.resolve(name + ".json");
        Files.writeString(p, "{\"inputs\":[{\"name\":\"" + input + "\",\"unit\":\"mV\"}],\"best\":{\"sympy\":\""
                + sympy + "\"}}");
        return p;
    }

    @Test
    void theMCurrentsLawsTurnTraubRsIntoTraubRsM() throws IOException {
        Path zinf = result("zinf", "Vm", "1/(1 + exp(-(Vm + 35)/10))");
        Path tau = result("tau", "V", "608/(3.3*exp((V + 35)/20) + exp(-(V + 35)/20))");
        LawIntoModelOperation op = new LawIntoModelOperation();
        ModelSpec truth = BuiltinModels.get("traub-rs-m");
        OperationResult r = op.run(ParamValues.of(op.params(), "model", "traub-rs", "zinf", zinf.toString(),
                "tau", tau.toString(), "current", "M", "g", Double.toString(truth.parameter("gM").value()),
                "e", "-90", "step_pa", "250"), Progress.NONE);
        Path out = dir.resolve("out");
        r.writeTo(new OutputFolder(out));
        JsonObject json = JsonParser.parseString(Files.readString(out.resolve("result.json"))).getAsJsonObject();
        Path modelFile = out.resolve(json.get("model_file").getAsString());
        ModelSpec found = ModelFileParser.parse(modelFile);
        assertTrue(found.hasParameter("gM") && found.hasParameter("EM"));

        double[] v1 = Simulator.shared().voltage(found, found.values(), Stimuli.step(50, 300, 250), 400, 0.05);
        double[] v2 = Simulator.shared().voltage(truth, truth.values(), Stimuli.step(50, 300, 250), 400, 0.05);
        double sum = 0;
        for (int i = 0; i < v1.length; i++) {
            sum += (v1[i] - v2[i]) * (v1[i] - v2[i]);
        }
        assertTrue(Math.sqrt(sum / v1.length) < 0.1, "V RMSE " + Math.sqrt(sum / v1.length) + " mV");
        int spikes = SpikeTimes.detect(v2, 0.05).length;
        assertEquals(spikes, json.getAsJsonObject("simulation").get("spikes").getAsInt());
        assertTrue(spikes > 3);
    }

    @Test
    void lawsThatCannotBeGatesAreRefused() throws IOException {
        LawIntoModelOperation op = new LawIntoModelOperation();
        Path good = result("good", "V", "1/(1 + exp(-(V + 35)/10))");
        Path negativeTau = result("neg", "V", "V/10");
        PatchPinnException e = assertThrows(PatchPinnException.class, () -> op.run(ParamValues.of(op.params(),
                "zinf", good.toString(), "tau", negativeTau.toString()), Progress.NONE));
        assertTrue(e.getMessage().contains("neg.json") && e.getMessage().contains("positive"), e.getMessage());
        Path twoInputs = dir.resolve("two.json");
        Files.writeString(twoInputs, "{\"inputs\":[{\"name\":\"V\"},{\"name\":\"G\"}],\"best\":{\"sympy\":\"V*G\"}}");
        e = assertThrows(PatchPinnException.class, () -> op.run(ParamValues.of(op.params(),
                "zinf", twoInputs.toString(), "tau", good.toString()), Progress.NONE));
        assertTrue(e.getMessage().contains("voltage alone"), e.getMessage());
        Path notSr = dir.resolve("other.json");
        Files.writeString(notSr, "{\"a\": 1}");
        e = assertThrows(PatchPinnException.class, () -> op.run(ParamValues.of(op.params(),
                "zinf", notSr.toString(), "tau", good.toString()), Progress.NONE));
        assertTrue(e.getMessage().contains("not a Symbolic Regression result"), e.getMessage());
    }
}
