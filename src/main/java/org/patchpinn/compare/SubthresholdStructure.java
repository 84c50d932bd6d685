package org.patchpinn.compare;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.patchpinn.model.BuiltinModels;
import org.patchpinn.model.CurrentSpec;
import org.patchpinn.model.ModelFileWriter;
import org.patchpinn.model.ModelSpec;

/**
 * What the subthreshold analysis and the condition model read from the comparison's model structure (the one
 * the per-recording fits use): the capacitance, the leak (the model's one current without a gate) and, when the
 * model has one, the slow single-gate current that acts between spikes (traub-rs-m's M-current) with its
 * kinetics and the value of its reversal. A structure without such a current (traub-rs, hh-squid) describes the
 * membrane between spikes by C and the linear conductance alone: no slow term, gM = 0.
 */
public final class SubthresholdStructure {
    /** The structure compare uses unless told otherwise. */
    public static final String DEFAULT_MODEL = "traub-rs-m";
    public static final SubthresholdStructure DEFAULT = of(BuiltinModels.get(DEFAULT_MODEL));

    private final ModelSpec spec;
    private final CurrentSpec leak;
    private final SlowGate slow;

    private SubthresholdStructure(ModelSpec spec, CurrentSpec leak, SlowGate slow) {
        this.spec = spec;
        this.leak = leak;
        this.slow = slow;
    }

    /** The structure of {@code spec} at its parameter values; an error naming the model when it has no single leak. */
    public static SubthresholdStructure of(ModelSpec spec) {
        List<CurrentSpec> ungated = spec.currents().stream().filter(c -> c.gates().isEmpty()).toList();
        if (ungated.size() != 1) {
            throw new IllegalArgumentException("model " + spec.name() + ": the subthreshold analysis needs exactly one "
                    + "current without a gate (the leak, e.g. IL = gL * (V - EL)), found " + ungated.size()
                    + (ungated.isEmpty() ? "" : " (" + String.join(", ", ungated.stream().map(CurrentSpec::name)
                    .toList()) + ")"));
        }
        return new SubthresholdStructure(spec, ungated.get(0), SlowGate.in(spec).orElse(null));
    }

    public ModelSpec spec() {
        return spec;
    }

    public String name() {
        return spec.name();
    }

    /** The capacitance parameter's name, e.g. Cm. */
    public String capacitance() {
        return spec.capacitance();
    }

    /** The leak's conductance parameter, e.g. gL. */
    public String leakConductance() {
        return leak.conductance();
    }

    /** The leak's reversal parameter, e.g. EL. */
    public String leakReversal() {
        return leak.reversal();
    }

    public boolean hasSlowGate() {
        return slow != null;
    }

    /** The slow gate, or empty when the structure has none. */
    public Optional<SlowGate> slowGate() {
        return Optional.ofNullable(slow);
    }

    /** The slow current's reversal (mV), its parameter's value in the model, e.g. EK; NaN without a slow gate. */
    public double slowReversalMv() {
        return slow == null ? Double.NaN : spec.parameter(slow.reversal()).value();
    }

    /**
     * What the analysis does without a slow gate, for the result's notes; "" when it has one. Said once per
     * comparison so nobody reads the missing gM as a measured zero.
     */
    public String note() {
        return slow != null ? "" : String.format(Locale.ROOT, "model %s has no current gated by a single first-power "
                + "gate: the subthreshold analysis has no slow-gate term (gM = 0; C, g_lin and E_lin from the "
                + "3-coefficient system)", spec.name());
    }

    /**
     * Text that changes whenever the analysis would: the model's whole text (any change of kinetics or values), so
     * a resumed series with another model recomputes.
     */
    public String fingerprint() {
        String text = spec.isWritable() ? ModelFileWriter.write(spec) : spec.toString();
        return "structure=" + spec.name() + " slow=" + (slow == null ? "none" : slow.current()) + " model="
                + Integer.toHexString(text.hashCode());
    }
}
