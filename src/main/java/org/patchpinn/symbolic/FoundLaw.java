package org.patchpinn.symbolic;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.patchpinn.report.Json;
import org.patchpinn.report.SymbolicResultJson;

/**
 * A law as another step receives it: the tree, the names of its inputs, and where it came from. Read back
 * from the {@code best.sympy} field of a Symbolic Regression result.json.
 */
public record FoundLaw(Node law, List<String> variables, String source) {

    public FoundLaw {
        variables = List.copyOf(variables);
    }

    /** The best law of an sr {@code result.json}. */
    public static FoundLaw read(Path resultJson) {
        JsonObject json;
        try {
            JsonElement e = Json.parse(Files.readString(resultJson));
            if (!e.isJsonObject()) {
                throw new SymbolicDataException(resultJson + ": not a JSON object");
            }
            json = e.getAsJsonObject();
        } catch (IOException e) {
            throw new SymbolicDataException(resultJson + ": cannot read: " + e.getMessage());
        } catch (JsonParseException e) {
            throw new SymbolicDataException(resultJson + ": not a JSON object: " + e.getMessage());
        }
        List<String> names = new ArrayList<>();
        String sympy;
        try {
            json.getAsJsonArray(SymbolicResultJson.INPUTS).forEach(in -> names.add(in.getAsJsonObject()
                    .get(SymbolicResultJson.NAME).getAsString()));
            sympy = json.getAsJsonObject(SymbolicResultJson.BEST).get(SymbolicResultJson.SYMPY).getAsString();
        } catch (RuntimeException e) { // absent (null) or of another JSON type
            throw new SymbolicDataException(resultJson + ": not a Symbolic Regression result (no best.sympy or "
                    + "inputs)");
        }
        try {
            return new FoundLaw(ExpressionParser.parse(sympy, names), names, resultJson.toString());
        } catch (SymbolicDataException e) {
            throw new SymbolicDataException(resultJson + ": best.sympy: " + e.getMessage());
        }
    }

    /**
     * The law as an expression of the membrane voltage {@code V} in the model-file syntax (SymPy text: the
     * model's Parsington expressions read ** and exp/log/sqrt), whatever its input column was called.
     *
     * @throws SymbolicDataException when the law has more than one input
     */
    public String voltageExpression() {
        if (variables.size() != 1) {
            throw new SymbolicDataException(source + ": a gate law must depend on the voltage alone, this one has inputs "
                    + variables);
        }
        return ExpressionFormat.format(law, ExpressionFormat.Style.SYMPY, List.of("V"));
    }

    /** Values at the given voltages (single-input laws). */
    public double[] at(double[] voltages) {
        return new CompiledExpression(law).evaluate(new double[][] {voltages});
    }
}
