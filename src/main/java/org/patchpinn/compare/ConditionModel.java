package org.patchpinn.compare;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.apache.commons.math3.analysis.UnivariateFunction;
import org.apache.commons.math3.analysis.solvers.BrentSolver;
import java.util.List;
import org.patchpinn.features.SpikeTimes;
import org.patchpinn.model.BuiltinModels;
import org.patchpinn.model.CurrentSpec;
import org.patchpinn.model.ModelSpec;
import org.patchpinn.model.Parameter;
import org.patchpinn.report.Json;
import org.patchpinn.sim.Simulator;
import org.patchpinn.sim.Stimuli;

/**
 * A neuron model whose extra conductance depends on the condition: the shared structure's subthreshold
 * part (C, leak gL/EL, M-current gM/EK) plus gX(G)·(V−EX) with gX from the fitted law. It answers what
 * the cell looks like at any condition level (linear conductance, its reversal, resting potential) and is
 * written as condition_model.json for the simulator.
 */
public record ConditionModel(String condition, double cPf, double gLNs, double eLMv, double gMNs, double ekMv,
                             double exMv, HillLaw gx, String structure) {
    public static final String FORMAT = "patchpinn-condition-model";
    /** The shared model structure every recording is described by. */
    public static final String BASE_MODEL = "traub-rs-m";

    public double linearConductance(double g) {
        return gLNs + gx.value(g);
    }

    public double linearReversal(double g) {
        double x = gx.value(g);
        return (gLNs * eLMv + x * exMv) / (gLNs + x);
    }

    /**
     * V where leak, extra and steady-state M-current cancel; NaN when no V in −200…+100 mV does (e.g. a gX law
     * extrapolated below −gL, as a law fitted to a condition that changes nothing can be, leaves no net
     * conductance to rest on).
     */
    public double restingPotential(double g) {
        double x = gx.value(g);
        UnivariateFunction f = v -> gLNs * (v - eLMv) + x * (v - exMv)
                + gMNs * SlowGate.base().steadyState(v) * (v - ekMv);
        double lo = -120;
        double hi = 0;
        if (Math.signum(f.value(lo)) == Math.signum(f.value(hi))) {
            lo = -200;
            hi = 100;
            if (!(Math.signum(f.value(lo)) * Math.signum(f.value(hi)) < 0)) {
                return Double.NaN;
            }
        }
        return new BrentSolver(1e-9).solve(200, f, lo, hi);
    }

    /**
     * The model at one condition level in the project's model format: the built-in traub-rs-m structure
     * with this model's capacitance, leak and M-current, plus {@code current IX = gX * (V - EX)} with gX
     * from the law. Spike-generating parameters stay at their built-in values unless {@code base} has others.
     */
    public ModelSpec spec(double g, ModelSpec base) {
        ModelSpec m = set(set(set(set(set(base, base.capacitance(), cPf), "gL", gLNs), "EL", eLMv), "gM", gMNs),
                "EK", ekMv);
        double x = gx.value(g);
        return m.withCurrent(new CurrentSpec("IX", "gX", "EX", List.of()),
                List.of(new Parameter("gX", x, "nS", 0, Math.max(100, 10 * x), true),
                        // EX is not identified where gX hardly changes (a control): the bounds take whatever it is
                        new Parameter("EX", exMv, "mV", Math.min(-150, exMv), Math.max(0, exMv), true)), List.of())
                .withName(base.name() + "-" + condition + "-" + String.format(java.util.Locale.ROOT, "%g", g),
                        "condition model at " + condition + " = " + g + ": " + structure);
    }

    /**
     * The value, with the bounds widened to take it: where the design does not identify the decomposition (a control
     * series: gX ~ 0, EX and the leak trade off) its values may lie outside the template's bounds, and the level's
     * model is still written as it is.
     */
    private static ModelSpec set(ModelSpec m, String name, double v) {
        Parameter p = m.parameter(name);
        if (v < p.lower() || v > p.upper()) {
            m = m.withBounds(name, Math.min(p.lower(), v), Math.max(p.upper(), v));
        }
        return m.withValue(name, v);
    }

    /**
     * Firing rate (Hz) of the model at condition level {@code g} during a 400 ms step of {@code stepPa}
     * after 100 ms at rest, simulated with the project's simulator.
     */
    public double simulatedRate(double g, double stepPa, ModelSpec base) {
        ModelSpec m = spec(g, base);
        double dt = 0.05;
        double[] v = Simulator.shared().voltage(m, m.values(), Stimuli.step(100, 400, stepPa), 500, dt);
        return SpikeTimes.countIn(SpikeTimes.detect(v, dt), 100, 500) / 0.4;
    }

    public static ModelSpec baseStructure() {
        return BuiltinModels.get(BASE_MODEL);
    }

    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("format", FORMAT);
        o.addProperty("version", 1);
        o.addProperty("structure", structure);
        o.addProperty("base_model", BASE_MODEL);
        JsonObject c = new JsonObject();
        c.addProperty("name", condition);
        c.addProperty("symbol", "G");
        o.add("condition", c);
        JsonObject p = new JsonObject();
        p.add("C_pF", Json.number(cPf));
        p.add("gL_nS", Json.number(gLNs));
        p.add("EL_mV", Json.number(eLMv));
        p.add("gM_nS", Json.number(gMNs));
        p.add("EK_mV", Json.number(ekMv));
        o.add("parameters", p);
        JsonArray extra = new JsonArray();
        JsonObject x = new JsonObject();
        x.addProperty("name", "gX");
        x.addProperty("current", "gX(G)*(V - EX)");
        x.addProperty("g_nS", gx.sympy("G"));
        x.add("EX_mV", Json.number(exMv));
        JsonObject law = new JsonObject();
        law.add("gmax_nS", Json.number(gx.gmax()));
        law.add("K", Json.number(gx.k()));
        law.add("h", Json.number(gx.h()));
        x.add("hill", law);
        extra.add(x);
        o.add("extra_currents", extra);
        return o;
    }

    public static ConditionModel fromJson(JsonObject o) {
        JsonObject p = o.getAsJsonObject("parameters");
        JsonObject x = o.getAsJsonArray("extra_currents").get(0).getAsJsonObject();
        JsonObject h = x.getAsJsonObject("hill");
        return new ConditionModel(o.getAsJsonObject("condition").get("name").getAsString(),
                p.get("C_pF").getAsDouble(), p.get("gL_nS").getAsDouble(), p.get("EL_mV").getAsDouble(),
                p.get("gM_nS").getAsDouble(), p.get("EK_mV").getAsDouble(), x.get("EX_mV").getAsDouble(),
                new HillLaw(h.get("gmax_nS").getAsDouble(), h.get("K").getAsDouble(), h.get("h").getAsDouble()),
                o.get("structure").getAsString());
    }
}
