package org.patchpinn.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchpinn.InvalidParameterException;
import org.patchpinn.io.AtfWriter;
import org.patchpinn.model.ModelFileParser;
import org.patchpinn.model.ModelFileWriter;
import org.patchpinn.model.ModelSpec;
import org.patchpinn.op.CompareOperation;
import org.patchpinn.op.OperationResult;
import org.patchpinn.op.ParamValues;
import org.patchpinn.report.OutputFolder;
import org.patchpinn.task.Progress;

/** compare's subthreshold analysis and condition model are built on --model, whatever it is. */
class CompareModelStructureTest {
    @TempDir
    Path dir;

    /** 2 cells × 3 levels of cells with {@code gate} as their slow gate (null: no slow current). */
    private Path series(SlowGate gate) throws Exception {
        List<String> lines = new ArrayList<>(List.of("file,glucose_mM,cell"));
        double[] levels = {0.5, 2, 8};
        for (int c = 0; c < 2; c++) {
            for (int k = 0; k < levels.length; k++) {
                String name = "cell" + c + "_G" + levels[k] + ".atf";
                SyntheticCell cell = SyntheticCell.at(c, levels[k]).withGate(gate);
                try (OutputStream o = Files.newOutputStream(dir.resolve(name))) {
                    AtfWriter.write(cell.record(new double[] {-80, 30}, 300, 0.3, 10L * c + k), o);
                }
                lines.add(name + "," + levels[k] + "," + c);
            }
        }
        return Files.write(dir.resolve("manifest.csv"), lines);
    }

    private JsonObject compare(Path manifest, Path out, String model) throws Exception {
        CompareOperation op = new CompareOperation();
        OperationResult r = op.run(ParamValues.of(op.params(), "manifest", manifest.toString(), "out", out.toString(),
                "threads", "2", "bootstrap", "50", "permutations", "200", "laws", "candidates", "method", "off",
                "model", model), Progress.NONE);
        r.writeTo(new OutputFolder(out));
        return JsonParser.parseString(Files.readString(out.resolve("result.json"))).getAsJsonObject();
    }

    @Test
    void aModelWithoutASlowGateRunsWithoutASlowTermAndSaysSo() throws Exception {
        Path manifest = series(null);
        Path out = dir.resolve("out");
        JsonObject j = compare(manifest, out, "traub-rs");
        assertEquals(6, j.getAsJsonObject("recordings").get("ok").getAsInt(), j.get("problems").toString());
        JsonObject sub = j.getAsJsonObject("subthreshold");
        assertEquals("traub-rs", sub.get("structure").getAsString());
        assertTrue(sub.get("slow_current").isJsonNull());
        assertTrue(sub.get("note").getAsString().contains("no slow-gate term"));
        assertTrue(j.getAsJsonArray("warnings").toString().contains("no slow-gate term"));
        assertFalse(Files.readString(out.resolve("per_recording.csv")).contains("gM"), "no gM column");
        JsonObject x = j.getAsJsonObject("extra_conductance");
        assertTrue(x.get("identified").getAsBoolean(), x.get("not_identified_reason").getAsString());
        assertEquals(-90, x.getAsJsonObject("EX_mV").get("value").getAsDouble(), 5);
        JsonObject model = JsonParser.parseString(Files.readString(out.resolve("condition_model.json")))
                .getAsJsonObject();
        assertEquals("traub-rs", model.get("base_model").getAsString());
        assertTrue(model.get("slow_current").isJsonNull());
        ModelSpec level = ModelFileParser.parse(Files.readString(out.resolve("model_glucose_mM_0.5.model")), "level");
        assertTrue(level.hasParameter("gX") && !level.hasParameter("gM"), level.parameterNames().toString());

        // the same series resumed with another model is analysed again, with its slow term
        JsonObject again = compare(manifest, out, "traub-rs-m");
        assertEquals(0, again.getAsJsonObject("recordings").get("resumed").getAsInt());
        assertEquals("IM", again.getAsJsonObject("subthreshold").get("slow_current").getAsString());
        assertTrue(Files.readString(out.resolve("per_recording.csv")).contains("gM"));
    }

    @Test
    void aModelFilesSlowGateCarriesIntoTheConditionModel() throws Exception {
        ModelSpec shifted = SubthresholdStructureTest.shiftedGateModel();
        Path file = Files.writeString(dir.resolve("rs-m-shifted.model"), ModelFileWriter.write(shifted));
        Path manifest = series(SlowGate.of(shifted));
        Path out = dir.resolve("out");
        JsonObject j = compare(manifest, out, file.toString());
        assertEquals("rs-m-shifted", j.getAsJsonObject("subthreshold").get("structure").getAsString());
        JsonObject x = j.getAsJsonObject("extra_conductance");
        assertTrue(x.get("identified").getAsBoolean(), x.get("not_identified_reason").getAsString());
        assertEquals(-90, x.getAsJsonObject("EX_mV").get("value").getAsDouble(), 5);
        ConditionModel model = ConditionModel.fromJson(JsonParser.parseString(Files.readString(
                out.resolve("condition_model.json"))).getAsJsonObject(), shifted);
        // the cells' gM is 5 nS; the pooled estimate uses the file's gate
        assertEquals(5.0, model.gMNs(), 0.5);
        ModelSpec level = ModelFileParser.parse(Files.readString(out.resolve("model_glucose_mM_0.5.model")), "level");
        assertEquals(300, level.parameter("tauMax").value());
        assertEquals(model.gx().value(0.5), level.parameter("gX").value(), 1e-6);
    }

    @Test
    void aModelWhoseLeakIsAmbiguousIsRefusedAsTheModelParameter() throws Exception {
        // a condition-level model given back as --model has two ungated currents: the leak IL and the extra IX
        ModelSpec level = new ConditionModel("G", SubthresholdStructure.DEFAULT, 118, 2.4, -70, 8.9, -90, -90,
                new HillLaw(3, 1, 1), "test").spec(1);
        Path file = Files.writeString(dir.resolve("level.model"), ModelFileWriter.write(level));
        Path manifest = series(SyntheticCell.M_CURRENT);
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> compare(manifest, dir.resolve("out"), file.toString()));
        assertTrue(e.getMessage().contains("model") && e.getMessage().contains("IL, IX"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("out").resolve("result.json")), "nothing written");
    }
}
