package org.patchpinn.model;

import java.util.Objects;

/**
 * How one rate of a gate is given: as expression text (of V and parameters, written to and read from
 * model files) or as a Java function of V (e.g. tabulated from a neural network).
 */
public sealed interface RateLaw permits RateLaw.Expr, RateLaw.Fn {

    /** Expression text such as {@code 0.1*(V+40)/(1-exp(-(V+40)/10))}, compiled by the model. */
    record Expr(String text) implements RateLaw {
        public Expr {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** A parameter-free function of V; {@code description} is shown in reports (e.g. "network table"). */
    record Fn(RateFunction function, String description) implements RateLaw {
        public Fn {
            Objects.requireNonNull(function, "function");
            Objects.requireNonNull(description, "description");
        }

        @Override
        public String toString() {
            return description;
        }
    }

    static RateLaw expr(String text) {
        return new Expr(text);
    }

    static RateLaw of(RateFunction f, String description) {
        return new Fn(f, description);
    }

    /** True when the law can be written into a model file. */
    default boolean isExpression() {
        return this instanceof Expr;
    }
}
