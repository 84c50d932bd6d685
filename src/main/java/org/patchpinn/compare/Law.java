package org.patchpinn.compare;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.patchpinn.report.Json;

/**
 * A closed-form law target = f(variables): readable expression, SymPy text, goodness of fit on the data it
 * was found from, what found it, and the function itself for plots and the model file.
 */
public record Law(String target, List<String> variables, String expression, String sympy, double r2,
                  String source, ToDoubleFunction<double[]> function) {
    public Law {
        variables = List.copyOf(variables);
    }

    public double value(double... x) {
        return function.applyAsDouble(x);
    }

    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("target", target);
        JsonArray v = new JsonArray();
        variables.forEach(v::add);
        o.add("variables", v);
        o.addProperty("expression", expression);
        o.addProperty("sympy", sympy);
        o.add("r2", Json.number(r2));
        o.addProperty("source", source);
        return o;
    }
}
