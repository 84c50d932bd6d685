package org.patchpinn.op;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A fit's #12 figures read from its result.json: spike counts within max(2, 20 %) over the step sweeps, rheobase
 * error in protocol steps, rest error (mV), input resistance and τ errors (relative), with the limits #12 judges
 * them by. Shared by the benchmarks that fit real cells.
 */
record FitCellFigures(int within, int steps, double rheobaseSteps, double restMv, double inputResistanceRel,
                      double timeConstantRel) {
    static FitCellFigures of(JsonObject result) {
        JsonObject c = result.getAsJsonObject("cell");
        JsonObject e = c.getAsJsonObject("error");
        return new FitCellFigures(c.get("spike_count_within_tolerance").getAsInt(), c.get("step_sweeps").getAsInt(),
                e.get("rheobase_steps").isJsonNull() ? Double.NaN : e.get("rheobase_steps").getAsDouble(),
                e.get("rest_mV").getAsDouble(), e.get("input_resistance_rel").getAsDouble(),
                e.get("time_constant_rel").getAsDouble());
    }

    /** The #12 limits missed (rheobase only when {@code withRheobase}), each as "what: value". */
    List<String> misses(boolean withRheobase) {
        List<String> out = new ArrayList<>();
        if (within < 0.8 * steps) {
            out.add("spike counts " + within + "/" + steps);
        }
        if (withRheobase && !(Math.abs(rheobaseSteps) <= 1)) {
            out.add("rheobase " + rheobaseSteps + " steps");
        }
        if (!(Math.abs(restMv) <= 2)) {
            out.add(String.format(Locale.ROOT, "rest %.2f mV", restMv));
        }
        if (!(Math.abs(inputResistanceRel) <= 0.15)) {
            out.add(String.format(Locale.ROOT, "Rin %.3f", inputResistanceRel));
        }
        if (!(Math.abs(timeConstantRel) <= 0.25)) {
            out.add(String.format(Locale.ROOT, "tau %.3f", timeConstantRel));
        }
        return out;
    }
}
