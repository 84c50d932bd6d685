package org.patchpinn.model;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A gate of a {@link ModelSpec} with its expressions compiled against the model's parameter list; binding
 * parameter values yields the {@link GateKinetics} the simulator tabulates.
 */
public final class CompiledGate {
    private final GateSpec spec;
    private final Law first;
    private final Law second;
    private final int[] parameterIndices;
    /** The compiled expressions of the two laws (null for a law given as a Java function). */
    private final Expression firstExpression;
    private final Expression secondExpression;

    /** One compiled rate: either an expression over parameters or a fixed function. */
    private interface Law {
        RateFunction bind(double[] p);
    }

    CompiledGate(GateSpec spec, Map<String, Integer> parameterIndex, Map<String, Expression> definitions) {
        this.spec = spec;
        Set<String> used = new TreeSet<>();
        this.firstExpression = expression(spec.first(), spec.firstLabel(), parameterIndex, definitions);
        this.secondExpression = expression(spec.second(), spec.secondLabel(), parameterIndex, definitions);
        this.first = law(spec.first(), firstExpression, used);
        this.second = law(spec.second(), secondExpression, used);
        this.parameterIndices = used.stream().mapToInt(parameterIndex::get).toArray();
    }

    private Expression expression(RateLaw law, String label, Map<String, Integer> parameterIndex,
                                  Map<String, Expression> definitions) {
        if (!(law instanceof RateLaw.Expr ex)) {
            return null;
        }
        try {
            return Expression.compile(ex.text(), parameterIndex, definitions);
        } catch (ModelException e) {
            throw new ModelException("gate " + spec.name() + ", " + label + ": " + e.getMessage(), e);
        }
    }

    private static Law law(RateLaw law, Expression e, Set<String> used) {
        if (law instanceof RateLaw.Fn fn) {
            RateFunction f = fn.function();
            return p -> f;
        }
        used.addAll(e.parameters());
        return e::bind;
    }

    /** The compiled first law (α or x∞), or null when it is a Java function of V (e.g. a table). */
    public Expression firstExpression() {
        return firstExpression;
    }

    /** The compiled second law (β or τ), or null when it is a Java function of V. */
    public Expression secondExpression() {
        return secondExpression;
    }

    public GateSpec spec() {
        return spec;
    }

    public String name() {
        return spec.name();
    }

    /** Indices of the model parameters the gate's rate laws read (e.g. VT in the Traub model). */
    public int[] parameterIndices() {
        return parameterIndices.clone();
    }

    /** x∞(V) and τ(V) with the given parameter values. */
    public GateKinetics bind(double[] parameterValues) {
        RateFunction a = first.bind(parameterValues);
        RateFunction b = second.bind(parameterValues);
        if (spec.form() == GateSpec.Form.INF_TAU) {
            return new GateKinetics(a, b);
        }
        return new GateKinetics(v -> {
            double al = a.value(v);
            return al / (al + b.value(v));
        }, v -> 1.0 / (a.value(v) + b.value(v)));
    }
}
