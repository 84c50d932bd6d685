package org.patchpinn.compare;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.patchpinn.report.Json;

/**
 * A value with its unit, standard error and 95 % interval. NaN marks what is unknown (e.g. no interval
 * for a quantity measured without replicates).
 */
public record Estimate(double value, double se, double ciLow, double ciHigh, String unit) {

    public static Estimate of(double value, String unit) {
        return new Estimate(value, Double.NaN, Double.NaN, Double.NaN, unit);
    }

    /** A normal-approximation interval value ± 1.96·se. */
    public static Estimate normal(double value, double se, String unit) {
        return new Estimate(value, se, value - 1.96 * se, value + 1.96 * se, unit);
    }

    public JsonObject toJson() {
        JsonObject o = Json.quantity(value, unit);
        o.add("se", Json.number(se));
        o.add("ci95", Json.interval(ciLow, ciHigh));
        return o;
    }

    public static Estimate fromJson(JsonObject o) {
        JsonArray ci = o.getAsJsonArray("ci95");
        return new Estimate(num(o.get("value")), num(o.get("se")), num(ci.get(0)), num(ci.get(1)),
                o.get("unit").getAsString());
    }

    static double num(JsonElement e) {
        return e == null || e.isJsonNull() ? Double.NaN : e.getAsDouble();
    }
}
