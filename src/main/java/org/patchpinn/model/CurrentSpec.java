package org.patchpinn.model;

import java.util.List;
import java.util.Objects;

/**
 * An ionic current I = g · ∏ x_i^p_i · (V − E) in pA (outward positive), with the maximal conductance g
 * (nS) and the reversal potential E (mV) named as model parameters.
 */
public record CurrentSpec(String name, String conductance, String reversal, List<GateFactor> gates) {
    /** One gate raised to a whole power, e.g. m^3. */
    public record GateFactor(String gate, int power) {
        public GateFactor {
            Objects.requireNonNull(gate, "gate");
            if (power < 1 || power > 8) {
                throw new ModelException("gate power of " + gate + " must be 1..8, got " + power);
            }
        }

        @Override
        public String toString() {
            return power == 1 ? gate : gate + "^" + power;
        }
    }

    public CurrentSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(conductance, "conductance");
        Objects.requireNonNull(reversal, "reversal");
        gates = List.copyOf(gates);
    }

    /** The current as model-file text, e.g. {@code gNa * m^3 * h * (V - ENa)}. */
    public String formula() {
        StringBuilder sb = new StringBuilder(conductance);
        for (GateFactor f : gates) {
            sb.append(" * ").append(f);
        }
        return sb.append(" * (V - ").append(reversal).append(")").toString();
    }
}
