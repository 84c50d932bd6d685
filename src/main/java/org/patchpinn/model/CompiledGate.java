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

    /** One compiled rate: either an expression over parameters or a fixed function. */
    private interface Law {
        RateFunction bind(double[] p);
    }

    CompiledGate(GateSpec spec, Map<String, Integer> parameterIndex, Map<String, Expression> definitions) {
        this.spec = spec;
        Set<String> used = new TreeSet<>();
        this.first = compile(spec.first(), spec.firstLabel(), parameterIndex, definitions, used);
        this.second = compile(spec.second(), spec.secondLabel(), parameterIndex, definitions, used);
        this.parameterIndices = used.stream().mapToInt(parameterIndex::get).toArray();
    }

    private Law compile(RateLaw law, String label, Map<String, Integer> parameterIndex,
                        Map<String, Expression> definitions, Set<String> used) {
        if (law instanceof RateLaw.Fn fn) {
            RateFunction f = fn.function();
            return p -> f;
        }
        String text = ((RateLaw.Expr) law).text();
        Expression e;
        try {
            e = Expression.compile(text, parameterIndex, definitions);
        } catch (ModelException ex) {
            throw new ModelException("gate " + spec.name() + ", " + label + ": " + ex.getMessage(), ex);
        }
        used.addAll(e.parameters());
        return e::bind;
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
