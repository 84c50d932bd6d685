package org.patchpinn.symbolic;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.patchpinn.report.Json;

/**
 * A closed-form law target = f(variables): readable expression, SymPy text, goodness of fit on the data it
 * was found from, what found it, the function itself for plots and the model file, and its constants with 95 %
 * intervals (in the order they appear in the SymPy text; empty until {@link LawIntervals} has estimated them).
 */
public record Law(String target, List<String> variables, String expression, String sympy, double r2,
                  String source, ToDoubleFunction<double[]> function, List<Constant> constants) {
    /** One fitted constant of the law and its 95 % interval (NaN when not identified). */
    public record Constant(double value, double ciLow, double ciHigh) {
        @Override public String toString() {
            return Double.isFinite(ciLow) ? String.format(Locale.ROOT, "%.4g [%.4g, %.4g]", value, ciLow,
                    ciHigh) : String.format(Locale.ROOT, "%.4g [not identified]", value);
        }
    }

    public Law {
        variables = List.copyOf(variables);
        constants = List.copyOf(constants);
    }

    /** A law whose constants' intervals are not estimated yet. */
    public Law(String target, List<String> variables, String expression, String sympy, double r2, String source,
               ToDoubleFunction<double[]> function) {
        this(target, variables, expression, sympy, r2, source, function, List.of());
    }

    public Law withConstants(List<Constant> c) {
        return new Law(target, variables, expression, sympy, r2, source, function, c);
    }

    public Law withSource(String s) {
        return new Law(target, variables, expression, sympy, r2, s, function, constants);
    }

    /** The constants with their intervals, "a [lo, hi]; b [lo, hi]". */
    public String constantsText() {
        return String.join("; ", constants.stream().map(Constant::toString).toList());
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
        JsonArray ci = new JsonArray();
        for (Constant c : constants) {
            JsonObject k = new JsonObject();
            k.add("value", Json.number(c.value()));
            k.add("ci95", Json.interval(c.ciLow(), c.ciHigh()));
            ci.add(k);
        }
        o.add("constant_intervals", ci);
        o.addProperty("source", source);
        return o;
    }
}
