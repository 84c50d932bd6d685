package org.patchpinn.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
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

    /** A JSON number for finite values, null otherwise. */
    public static JsonElement number(double d) {
        return Double.isFinite(d) ? new JsonPrimitive(d) : JsonNull.INSTANCE;
    }
}
