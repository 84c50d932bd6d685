package org.patchpinn.compare;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.patchpinn.model.CurrentSpec;
import org.patchpinn.model.ModelSpec;
import org.patchpinn.model.Parameter;

/**
 * One candidate way a condition could act on a cell: a single model parameter that is allowed to depend on
 * the condition while everything else stays the cell's own. Kinds: an extra conductance gX·(V − EX) added
 * to the model (EX shared by all recordings), a reversal potential, a conductance (a learned state's
 * conductance counts as "learned state"), or a kinetic shift (any other voltage parameter, e.g. VT).
 * Conductances move on a log scale (a factor), voltages additively.
 */
public record Mechanism(String name, String kind, String parameter, boolean logScale) {
    public static final String EXTRA = "extra conductance";
    public static final String EXTRA_G = "gXc";
    public static final String EXTRA_E = "EXc";

    /** Every candidate the model offers that can act on it ({@link #actsOn}), plus the extra conductance. */
    public static List<Mechanism> candidates(ModelSpec model) {
        return offered(model).stream().filter(m -> m.actsOn(model)).toList();
    }

    /** Every mechanism the model's parameters name, whether or not it can act, plus the extra conductance. */
    static List<Mechanism> offered(ModelSpec model) {
        List<Mechanism> out = new ArrayList<>();
        out.add(new Mechanism("extra conductance gX(G)·(V−EX)", EXTRA, EXTRA_G, false));
        Set<String> reversals = new LinkedHashSet<>();
        Set<String> conductances = new LinkedHashSet<>();
        for (CurrentSpec c : model.currents()) {
            if (c.reversal() != null && model.hasParameter(c.reversal())) {
                reversals.add(c.reversal());
            }
            if (c.conductance() != null && model.hasParameter(c.conductance())) {
                conductances.add(c.conductance());
            }
        }
        for (String e : reversals) {
            out.add(new Mechanism("reversal " + e + "(G)", "reversal potential", e, false));
        }
        for (String g : conductances) {
            boolean learned = model.currents().stream().anyMatch(c -> g.equals(c.conductance())
                    && c.gates().stream().anyMatch(f -> f.gate().matches("z\\d+")));
            out.add(new Mechanism((learned ? "learned state " : "conductance ") + g + "(G)",
                    learned ? "learned state" : "conductance", g, true));
        }
        for (Parameter p : model.parameters()) {
            if (p.unit().equals("mV") && !reversals.contains(p.name())) {
                out.add(new Mechanism("kinetic shift " + p.name() + "(G)", "kinetic shift", p.name(), false));
            }
        }
        return out;
    }

    /**
     * Whether the mechanism can change this model: a factor (log scale) on a conductance at 0 cannot — that current
     * is absent (traub-rs-m's gAHP where the fit found no AHP), and a current a condition adds is the extra
     * conductance's case.
     */
    public boolean actsOn(ModelSpec model) {
        return !logScale || model.parameter(parameter).value() > 0;
    }
}
