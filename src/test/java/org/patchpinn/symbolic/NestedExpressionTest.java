package org.patchpinn.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchpinn.model.ExpressionLimits;
import org.patchpinn.model.ModelException;
import org.patchpinn.model.ModelFileParser;
import org.patchpinn.model.ModelFileWriter;
import org.patchpinn.model.BuiltinModels;

/** Crafted formulas nested deeper than any law are refused with a clear error, never a StackOverflowError. */
class NestedExpressionTest {
    @TempDir
    Path tmp;

    private static String nested(int depth, String inner) {
        return "(".repeat(depth) + inner + ")".repeat(depth);
    }

    @Test
    void aHundredDeepExpressionInAResultJsonIsRefused() throws IOException {
        Path json = tmp.resolve("result.json");
        Files.writeString(json, "{\"inputs\":[{\"name\":\"V\"}],\"best\":{\"sympy\":\"" + nested(100, "V + 1") + "\"}}");
        SymbolicDataException e = assertThrows(SymbolicDataException.class, () -> FoundLaw.read(json));
        assertTrue(e.getMessage().startsWith(json + ": best.sympy: ") && e.getMessage().contains("nested more than "
                + ExpressionLimits.MAX_NESTING), e.getMessage());
        // within the bound it parses, and a JSON nested 100 000 deep is a clean error too
        Files.writeString(json, "{\"inputs\":[{\"name\":\"V\"}],\"best\":{\"sympy\":\"" + nested(60, "V + 1") + "\"}}");
        assertEquals(List.of("V"), FoundLaw.read(json).variables());
        Files.writeString(json, "[".repeat(100_000) + "]".repeat(100_000));
        assertThrows(SymbolicDataException.class, () -> FoundLaw.read(json));
    }

    @Test
    void aHundredDeepExpressionInAModelFileIsRefused() {
        String text = ModelFileWriter.write(BuiltinModels.get("hh-squid"));
        String line = text.lines().filter(l -> l.startsWith("gate m beta")).findFirst().orElseThrow();
        String rate = line.substring(line.indexOf('=') + 1).trim();
        String crafted = text.replace(line, line.replace(rate, nested(100, rate)));
        ModelException e = assertThrows(ModelException.class, () -> ModelFileParser.parse(crafted, "crafted.model"));
        assertTrue(e.getMessage().contains("crafted.model") && e.getMessage().contains("nested more than "
                + ExpressionLimits.MAX_NESTING), e.getMessage());
        String fine = text.replace(line, line.replace(rate, nested(30, rate)));
        assertEquals(BuiltinModels.get("hh-squid").parameters(), ModelFileParser.parse(fine, "ok.model").parameters());
    }

    @Test
    void longChainsAndSignRunsAreBoundedToo() {
        String chain = "V" + " + 1".repeat(5000);
        SymbolicDataException e = assertThrows(SymbolicDataException.class,
                () -> ExpressionParser.parse(chain, List.of("V")));
        assertTrue(e.getMessage().contains("longer than"), e.getMessage());
        Node n = ExpressionParser.parse("-".repeat(2000) + "V", List.of("V"));
        assertTrue(n != null);
    }
}
