package org.patchpinn.compare;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import org.apache.commons.math3.analysis.UnivariateFunction;
import org.apache.commons.math3.analysis.solvers.BrentSolver;
import java.util.List;
import java.util.Locale;
import org.patchpinn.features.SpikeTimes;
import org.patchpinn.model.CurrentSpec;
import org.patchpinn.model.ModelSpec;
import org.patchpinn.model.Parameter;
import org.patchpinn.report.Json;
import org.patchpinn.sim.Simulator;
import org.patchpinn.sim.Stimuli;

/**
 * A neuron model whose extra conductance depends on the condition: the comparison's structure's subthreshold
 * part (capacitance, leak, and its slow current when it has one: traub-rs-m's M-current gM/EK) plus
 * gX(G)·(V−EX) with gX from the fitted law. It answers what the cell looks like at any condition level
 * (linear conductance, its reversal, resting potential) and is written as condition_model.json for the
 * simulator; parameters are named as the structure names them.
 *
 * @param base           the structure (the model the comparison's recordings are fitted with)
 * @param gMNs           the slow current's maximal conductance (nS); 0 without a slow gate
 * @param slowReversalMv the slow current's reversal (mV), e.g. EK; NaN without a slow gate
 * @param description    what the model is, in words
 */
public record ConditionModel(String condition, SubthresholdStructure base, double cPf, double gLNs, double eLMv,
                             double gMNs, double slowReversalMv, double exMv, HillLaw gx, String description) {
    public static final String FORMAT = "patchpinn-condition-model";

    public double linearConductance(double g) {
        return gLNs + gx.value(g);
    }

    public double linearReversal(double g) {
        double x = gx.value(g);
        return (gLNs * eLMv + x * exMv) / (gLNs + x);
    }

    /**
     * V where leak, extra and steady-state slow current cancel; NaN when no V in −200…+100 mV does (e.g. a gX law
     * extrapolated below −gL, as a law fitted to a condition that changes nothing can be, leaves no net
     * conductance to rest on).
     */
    public double restingPotential(double g) {
        double x = gx.value(g);
        SlowGate slow = base.slowGate().orElse(null);
        UnivariateFunction f = v -> gLNs * (v - eLMv) + x * (v - exMv)
                + (slow == null ? 0 : gMNs * slow.steadyState(v) * (v - slowReversalMv));
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
     * The model at one condition level in the project's model format: the structure with this model's
     * capacitance, leak and slow current, plus {@code current IX = gX * (V - EX)} with gX from the law.
     * Spike-generating parameters stay at the structure's values.
     */
    public ModelSpec spec(double g) {
        ModelSpec s = base.spec();
        ModelSpec m = set(set(set(s, s.capacitance(), cPf), base.leakConductance(), gLNs), base.leakReversal(),
                eLMv);
        SlowGate slow = base.slowGate().orElse(null);
        if (slow != null) {
            m = set(set(m, slow.conductance(), gMNs), slow.reversal(), slowReversalMv);
        }
        double x = gx.value(g);
        return m.withCurrent(new CurrentSpec("IX", "gX", "EX", List.of()),
                List.of(new Parameter("gX", x, "nS", 0, Math.max(100, 10 * x), true),
                        // EX is not identified where gX hardly changes (a control): the bounds take whatever it is
                        new Parameter("EX", exMv, "mV", Math.min(-150, exMv), Math.max(0, exMv), true)), List.of())
                .withName(s.name() + "-" + condition + "-" + String.format(Locale.ROOT, "%g", g),
                        "condition model at " + condition + " = " + g + ": " + description);
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
    public double simulatedRate(double g, double stepPa) {
        ModelSpec m = spec(g);
        double dt = 0.05;
        double[] v = Simulator.shared().voltage(m, m.values(), Stimuli.step(100, 400, stepPa), 500, dt);
        return SpikeTimes.countIn(SpikeTimes.detect(v, dt), 100, 500) / 0.4;
    }

    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("format", FORMAT);
        o.addProperty("version", 1);
        o.addProperty("structure", description);
        o.addProperty("base_model", base.name());
        JsonObject c = new JsonObject();
        c.addProperty("name", condition);
        c.addProperty("symbol", "G");
        o.add("condition", c);
        JsonObject p = new JsonObject();
        p.add("C_pF", Json.number(cPf));
        p.add(base.leakConductance() + "_nS", Json.number(gLNs));
        p.add(base.leakReversal() + "_mV", Json.number(eLMv));
        base.slowGate().ifPresent(slow -> {
            p.add(slow.conductance() + "_nS", Json.number(gMNs));
            p.add(slow.reversal() + "_mV", Json.number(slowReversalMv));
        });
        o.add("parameters", p);
        o.add("slow_current", base.slowGate().map(slow -> (JsonElement) new JsonPrimitive(slow.current()))
                .orElse(JsonNull.INSTANCE));
        if (!base.hasSlowGate()) {
            o.addProperty("note", base.note());
        }
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

    /**
     * The model condition_model.json describes, on {@code structure} (the model it was built on: its file gives
     * the kinetics and the parameters' names); an error when the file names another base model.
     */
    public static ConditionModel fromJson(JsonObject o, ModelSpec structure) {
        String baseModel = o.get("base_model").getAsString();
        if (!baseModel.equals(structure.name())) {
            throw new IllegalArgumentException("condition model built on " + baseModel + ", not on "
                    + structure.name());
        }
        SubthresholdStructure base = SubthresholdStructure.of(structure);
        JsonObject p = o.getAsJsonObject("parameters");
        JsonObject x = o.getAsJsonArray("extra_currents").get(0).getAsJsonObject();
        JsonObject h = x.getAsJsonObject("hill");
        SlowGate slow = base.slowGate().orElse(null);
        return new ConditionModel(o.getAsJsonObject("condition").get("name").getAsString(), base,
                p.get("C_pF").getAsDouble(), p.get(base.leakConductance() + "_nS").getAsDouble(),
                p.get(base.leakReversal() + "_mV").getAsDouble(),
                slow == null ? 0 : p.get(slow.conductance() + "_nS").getAsDouble(),
                slow == null ? Double.NaN : p.get(slow.reversal() + "_mV").getAsDouble(),
                x.get("EX_mV").getAsDouble(),
                new HillLaw(h.get("gmax_nS").getAsDouble(), h.get("K").getAsDouble(), h.get("h").getAsDouble()),
                o.get("structure").getAsString());
    }
}
