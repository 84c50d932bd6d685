package org.patchpinn.compare;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    /**
     * Constants in the law (numbers in its SymPy text other than a bare 1, which is structure, as in
     * 1/(1+…)): what the law spends on fitting the levels.
     */
    public int parameterCount() {
        Matcher m = Pattern.compile("(?<![A-Za-z_0-9.])(\\d+\\.?\\d*(?:[eE][-+]?\\d+)?)")
                .matcher(sympy);
        int k = 0;
        while (m.find()) {
            if (Double.parseDouble(m.group(1)) != 1.0) {
                k++;
            }
        }
        return k;
    }

    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("target", target);
        o.add("variables", Json.strings(variables));
        o.addProperty("expression", expression);
        o.addProperty("sympy", sympy);
        o.add("r2", Json.number(r2));
        o.addProperty("constants", parameterCount());
        o.addProperty("source", source);
        return o;
    }
}
