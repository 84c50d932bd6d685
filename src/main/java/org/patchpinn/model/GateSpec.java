package org.patchpinn.model;

import java.util.Objects;

/**
 * A gating variable x with first-order kinetics dx/dt = (x∞(V) − x)/τx(V), given either by opening and
 * closing rates α, β (1/ms; x∞ = α/(α+β), τ = 1/(α+β)) or directly by x∞ (dimensionless) and τ (ms).
 * The latter is how learned and discovered gates are written (Beck et al. 2026).
 */
public record GateSpec(String name, Form form, RateLaw first, RateLaw second) {
    /** Which pair of functions defines the gate. */
    public enum Form {
        /** first = α(V), second = β(V), both 1/ms. */
        ALPHA_BETA,
        /** first = x∞(V), second = τx(V) in ms. */
        INF_TAU
    }

    public GateSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(form, "form");
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
    }

    public static GateSpec infTau(String name, String inf, String tauMs) {
        return new GateSpec(name, Form.INF_TAU, RateLaw.expr(inf), RateLaw.expr(tauMs));
    }

    public static GateSpec infTau(String name, RateFunction inf, RateFunction tauMs) {
        return new GateSpec(name, Form.INF_TAU, RateLaw.of(inf, "function"), RateLaw.of(tauMs, "function"));
    }

    public boolean isExpression() {
        return first.isExpression() && second.isExpression();
    }

    /** Label of the first function in model files: "alpha" or "inf". */
    public String firstLabel() {
        return form == Form.ALPHA_BETA ? "alpha" : "inf";
    }

    /** Label of the second function in model files: "beta" or "tau". */
    public String secondLabel() {
        return form == Form.ALPHA_BETA ? "beta" : "tau";
    }
}
