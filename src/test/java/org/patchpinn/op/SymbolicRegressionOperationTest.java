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
import org.patchpinn.report.OutputFolder;
import org.patchpinn.task.Progress;

/** The sr verb end to end on a small learned.csv-like table. */
class SymbolicRegressionOperationTest {
    @TempDir
    Path dir;

    private Path learnedCsv() throws IOException {
        StringBuilder sb = new StringBuilder("\"V (mV)\",\"z_inf\",\"tau_z (ms)\"\n");
        for (double v = -100; v <= 40; v += 2) {
            sb.append(v).append(',').append(1 / (1 + Math.exp(-(v + 35) / 10))).append(',')
                    .append(5 * Math.exp(-(v + 60) / 25)).append('\n');
        }
        Path p = dir.resolve("learned.csv");
        Files.writeString(p, sb);
        return p;
    }

    @Test
    void writesLawParetoTablesAndPlots() throws IOException {
        Path file = learnedCsv();
        SymbolicRegressionOperation op = new SymbolicRegressionOperation();
        ParamValues values = ParamValues.of(op.params(), "file", file.toString(), "x", "V", "y", "tau_z",
                "populations", "2", "population_size", "30", "generations", "20", "threads", "2");
        OperationResult result = op.run(values, Progress.NONE);
        Path out = dir.resolve("out");
        result.writeTo(new OutputFolder(out));
        JsonObject json = JsonParser.parseString(Files.readString(out.resolve("result.json"))).getAsJsonObject();
        JsonObject best = json.getAsJsonObject("best");
        for (String key : new String[] {"expression", "sympy", "java", "latex", "complexity", "r2", "max_rel_error"}) {
            assertTrue(best.has(key), key);
        }
        assertTrue(best.get("r2").getAsDouble() > 0.9999, best.toString());
        assertTrue(best.get("sympy").getAsString().contains("exp") && best.get("sympy").getAsString().contains("V"),
                best.toString());
        assertTrue(json.getAsJsonArray("pareto").size() >= 2);
        assertEquals("ms", json.get("output_unit").getAsString());
        assertTrue(Files.size(out.resolve("law.png")) > 1000);
        assertTrue(Files.size(out.resolve("pareto.png")) > 1000);
        assertTrue(Files.readString(out.resolve("pareto.csv")).startsWith("complexity,chosen,expression"));
        assertTrue(Files.readString(out.resolve("fit.csv")).startsWith("V (mV),tau_z (ms),law (ms)"));
        assertEquals("PatchPINN Symbolic Regression", result.tables().get(0).table().name());
    }

    @Test
    void unknownColumnIsAUserError() throws IOException {
        Path file = learnedCsv();
        SymbolicRegressionOperation op = new SymbolicRegressionOperation();
        PatchPinnException e = assertThrows(PatchPinnException.class, () -> op.run(
                ParamValues.of(op.params(), "file", file.toString(), "x", "Vm", "y", "tau_z"), Progress.NONE));
        assertTrue(e.getMessage().contains("learned.csv") && e.getMessage().contains("'Vm'"), e.getMessage());
    }
}
