package org.patchpinn.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.JsonSerializer;

/**
 * The one JSON configuration of the project. Non-finite numbers are written as null (JSON has no NaN),
 * so result.json files parse everywhere.
 */
public final class Json {
    private static final JsonSerializer<Double> FINITE_OR_NULL =
            (d, type, ctx) -> d == null || !Double.isFinite(d) ? JsonNull.INSTANCE : new JsonPrimitive(d);

    public static final Gson GSON = new GsonBuilder()
            .setPrettyPrinting()
            .disableHtmlEscaping()
            .serializeNulls()
            .registerTypeAdapter(Double.class, FINITE_OR_NULL)
            .registerTypeAdapter(double.class, FINITE_OR_NULL)
            .create();

    private Json() {
    }

    public static String toJson(Object o) {
        return GSON.toJson(o);
    }

    public static JsonElement toTree(Object o) {
        return GSON.toJsonTree(o);
    }

    /** Deepest nesting of arrays and objects {@link #parse} accepts; result files nest a few levels. */
    public static final int MAX_NESTING = 64;

    /**
     * Parses JSON read from a file, refusing nesting deeper than {@link #MAX_NESTING} before Gson sees it:
     * Gson builds and prints trees recursively, so a crafted file of 100 000 brackets would overflow the stack.
     *
     * @throws com.google.gson.JsonParseException for malformed or too deeply nested text
     */
    public static JsonElement parse(String text) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if ((c == '[' || c == '{') && ++depth > MAX_NESTING) {
                throw new JsonParseException("nested more than " + MAX_NESTING + " levels deep (at "
                        + "character " + i + ")");
            } else if (c == ']' || c == '}') {
                depth--;
            }
        }
        return JsonParser.parseString(text);
    }

    /** A quantity as result.json writes it: {"value": v (null when not finite), "unit": unit}. */
    public static JsonObject quantity(double value, String unit) {
        JsonObject o = new JsonObject();
        o.add("value", number(value));
        o.addProperty("unit", unit);
        return o;
    }

    /** A 95 % interval as result.json writes it: [low, high], null where not finite. */
    public static JsonArray interval(double low, double high) {
        JsonArray a = new JsonArray();
        a.add(number(low));
        a.add(number(high));
        return a;
    }

    /** A JSON array of the strings. */
    public static JsonArray strings(Iterable<String> items) {
        JsonArray a = new JsonArray();
        items.forEach(a::add);
        return a;
    }

    /** A JSON number for finite values, null otherwise. */
    public static JsonElement number(double d) {
        return Double.isFinite(d) ? new JsonPrimitive(d) : JsonNull.INSTANCE;
    }
}
