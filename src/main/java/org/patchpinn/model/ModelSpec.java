package org.patchpinn.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A conductance-based neuron model in absolute units: C dV/dt = I_stim − Σ_k I_k, with currents
 * I_k = g_k ∏ x^p (V − E_k) (pA, nS, mV), gates with first-order kinetics and a capacitance parameter (pF).
 * Immutable; the {@code with…} methods return changed copies. All expressions are compiled when the spec
 * is built, so an unknown symbol fails here, naming the gate and the symbol.
 */
public final class ModelSpec {
    private final String name;
    private final String description;
    private final List<Parameter> parameters;
    private final String capacitance;
    private final Map<String, String> definitions;
    private final List<GateSpec> gates;
    private final List<CurrentSpec> currents;

    private final Map<String, Integer> parameterIndex = new HashMap<>();
    private final Map<String, Integer> gateIndex = new HashMap<>();
    private final List<CompiledGate> compiledGates = new ArrayList<>();

    /**
     * @param definitions named helper expressions usable in rate laws (e.g. {@code u = V - VT}), in order
     */
    public ModelSpec(String name, String description, List<Parameter> parameters, String capacitance,
                     Map<String, String> definitions, List<GateSpec> gates, List<CurrentSpec> currents) {
        this.name = Objects.requireNonNull(name, "name");
        this.description = description == null ? "" : description;
        this.parameters = List.copyOf(parameters);
        this.capacitance = Objects.requireNonNull(capacitance, "capacitance");
        this.definitions = Collections.unmodifiableMap(new LinkedHashMap<>(definitions));
        this.gates = List.copyOf(gates);
        this.currents = List.copyOf(currents);
        validate();
    }

    private void validate() {
        Set<String> names = new HashSet<>();
        names.add("V");
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            unique(names, p.name(), "parameter");
            parameterIndex.put(p.name(), i);
        }
        Map<String, Expression> defs = new LinkedHashMap<>();
        for (Map.Entry<String, String> d : definitions.entrySet()) {
            unique(names, d.getKey(), "definition");
            try {
                defs.put(d.getKey(), Expression.compile(d.getValue(), parameterIndex, defs));
            } catch (ModelException e) {
                throw new ModelException("definition " + d.getKey() + ": " + e.getMessage(), e);
            }
        }
        for (int i = 0; i < gates.size(); i++) {
            GateSpec g = gates.get(i);
            unique(names, g.name(), "gate");
            gateIndex.put(g.name(), i);
            compiledGates.add(new CompiledGate(g, parameterIndex, defs));
        }
        Set<String> currentNames = new HashSet<>();
        for (CurrentSpec c : currents) {
            if (!currentNames.add(c.name())) {
                throw new ModelException("current " + c.name() + " is defined twice");
            }
            requireUnit(c.conductance(), "nS", "conductance of current " + c.name());
            requireUnit(c.reversal(), "mV", "reversal potential of current " + c.name());
            for (CurrentSpec.GateFactor f : c.gates()) {
                if (!gateIndex.containsKey(f.gate())) {
                    throw new ModelException("current " + c.name() + ": unknown gate '" + f.gate() + "' (gates: "
                            + String.join(", ", gateIndex.keySet()) + ")");
                }
            }
        }
        requireUnit(capacitance, "pF", "capacitance");
        if (!(parameter(capacitance).value() > 0)) {
            throw new ModelException("capacitance " + capacitance + " must be positive");
        }
    }

    private static void unique(Set<String> names, String n, String kind) {
        if (!names.add(n)) {
            throw new ModelException(kind + " name '" + n + "' is already used");
        }
    }

    private void requireUnit(String param, String unit, String role) {
        Integer i = parameterIndex.get(param);
        if (i == null) {
            throw new ModelException(role + ": unknown parameter '" + param + "'");
        }
        if (!parameters.get(i).unit().equals(unit)) {
            throw new ModelException(role + ": parameter " + param + " must be in " + unit + ", not '"
                    + parameters.get(i).unit() + "'");
        }
    }

    public String name() { return name; }

    public String description() { return description; }

    public List<Parameter> parameters() { return parameters; }

    public List<String> parameterNames() {
        return parameters.stream().map(Parameter::name).toList();
    }

    /** Name of the capacitance parameter (pF). */
    public String capacitance() { return capacitance; }

    public Map<String, String> definitions() { return definitions; }

    public List<GateSpec> gates() { return gates; }

    public List<CurrentSpec> currents() { return currents; }

    /** Gates with their rate laws compiled against this spec's parameters, in {@link #gates()} order. */
    public List<CompiledGate> compiledGates() { return Collections.unmodifiableList(compiledGates); }

    public int parameterCount() { return parameters.size(); }

    public boolean hasParameter(String n) { return parameterIndex.containsKey(n); }

    /** Index of the parameter, or an error naming the known ones. */
    public int indexOf(String parameterName) {
        Integer i = parameterIndex.get(parameterName);
        if (i == null) {
            throw new ModelException("model " + name + " has no parameter '" + parameterName + "' (parameters: "
                    + String.join(", ", parameterNames()) + ")");
        }
        return i;
    }

    public Parameter parameter(String parameterName) {
        return parameters.get(indexOf(parameterName));
    }

    public int gateIndex(String gateName) {
        Integer i = gateIndex.get(gateName);
        if (i == null) {
            throw new ModelException("model " + name + " has no gate '" + gateName + "'");
        }
        return i;
    }

    /** Current parameter values, in {@link #parameters()} order. */
    public double[] values() {
        return parameters.stream().mapToDouble(Parameter::value).toArray();
    }

    /** Checks values against the bounds; the error names the first parameter outside its range. */
    public void checkBounds(double[] values) {
        if (values.length != parameters.size()) {
            throw new ModelException("model " + name + " has " + parameters.size() + " parameters, got "
                    + values.length + " values");
        }
        for (int i = 0; i < values.length; i++) {
            Parameter p = parameters.get(i);
            if (!Double.isFinite(values[i]) || values[i] < p.lower() || values[i] > p.upper()) {
                throw new ModelException("parameter " + p.name() + " = " + values[i] + " " + p.unit()
                        + " is outside its bounds [" + p.lower() + ", " + p.upper() + "]");
            }
        }
    }

    public ModelSpec withValues(double[] values) {
        checkBounds(values);
        List<Parameter> ps = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            ps.add(parameters.get(i).withValue(values[i]));
        }
        return withParameters(ps);
    }

    public ModelSpec withValue(String parameterName, double value) {
        double[] v = values();
        v[indexOf(parameterName)] = value;
        return withValues(v);
    }

    /** A copy where exactly the named parameters are free for fitting and all others fixed. */
    public ModelSpec withFree(Collection<String> free) {
        for (String f : free) {
            indexOf(f);
        }
        List<Parameter> ps = parameters.stream().map(p -> p.withFixed(!free.contains(p.name()))).toList();
        return withParameters(ps);
    }

    public ModelSpec withBounds(String parameterName, double lower, double upper) {
        List<Parameter> ps = new ArrayList<>(parameters);
        int i = indexOf(parameterName);
        ps.set(i, ps.get(i).withBounds(lower, upper));
        return withParameters(ps);
    }

    public ModelSpec withParameters(List<Parameter> ps) {
        return new ModelSpec(name, description, ps, capacitance, definitions, gates, currents);
    }

    public ModelSpec withName(String newName, String newDescription) {
        return new ModelSpec(newName, newDescription, parameters, capacitance, definitions, gates, currents);
    }

    /** Names of the free (fitted) parameters. */
    public List<String> freeParameters() {
        return parameters.stream().filter(p -> !p.fixed()).map(Parameter::name).toList();
    }

    /**
     * Adds a current {@code g_name · z_name · (V − E_name)} with one gate z given by x∞(V) and τ(V) as Java
     * functions (e.g. tabulated from a trained network). New parameters {@code g<name>} (nS, free, bounds
     * [1e-3, 1e5]) and {@code E<name>} (mV, free, bounds [−120, 80]) and the gate {@code z<name>} are added.
     */
    public ModelSpec withGatedCurrent(String currentName, double gNs, double eMv, RateFunction zInf,
                                      RateFunction tauZMs) {
        return withGatedCurrent(currentName, gNs, eMv, new GateSpec("z" + currentName, GateSpec.Form.INF_TAU,
                RateLaw.of(zInf, "function"), RateLaw.of(tauZMs, "function")));
    }

    /** As {@link #withGatedCurrent(String, double, double, RateFunction, RateFunction)} with expressions of V. */
    public ModelSpec withGatedCurrent(String currentName, double gNs, double eMv, String zInfExpression,
                                      String tauZMsExpression) {
        return withGatedCurrent(currentName, gNs, eMv, GateSpec.infTau("z" + currentName, zInfExpression,
                tauZMsExpression));
    }

    /** Adds a current {@code g<name> · gate · (V − E<name>)} with the given gate (its name is kept). */
    public ModelSpec withGatedCurrent(String currentName, double gNs, double eMv, GateSpec gate) {
        if (!currentName.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new ModelException("current name '" + currentName + "' is not an identifier");
        }
        String g = "g" + currentName;
        String e = "E" + currentName;
        List<Parameter> ps = new ArrayList<>(parameters);
        ps.add(new Parameter(g, gNs, "nS", Math.min(1e-3, gNs), Math.max(1e5, gNs), false));
        ps.add(new Parameter(e, eMv, "mV", Math.min(-120, eMv), Math.max(80, eMv), false));
        List<GateSpec> gs = new ArrayList<>(gates);
        gs.add(gate);
        List<CurrentSpec> cs = new ArrayList<>(currents);
        cs.add(new CurrentSpec("I" + currentName, g, e, List.of(new CurrentSpec.GateFactor(gate.name(), 1))));
        return new ModelSpec(name, description, ps, capacitance, definitions, gs, cs);
    }

    /** Adds a current with no gates, {@code g · (V − E)}, using existing or new parameters. */
    public ModelSpec withCurrent(CurrentSpec current, List<Parameter> newParameters, List<GateSpec> newGates) {
        List<Parameter> ps = new ArrayList<>(parameters);
        ps.addAll(newParameters);
        List<GateSpec> gs = new ArrayList<>(gates);
        gs.addAll(newGates);
        List<CurrentSpec> cs = new ArrayList<>(currents);
        cs.add(current);
        return new ModelSpec(name, description, ps, capacitance, definitions, gs, cs);
    }

    /** True when every gate is given by expressions, so {@link ModelFileWriter} can write the model. */
    public boolean isWritable() {
        return gates.stream().allMatch(GateSpec::isExpression);
    }

    @Override
    public String toString() {
        return ModelFileWriter.describe(this);
    }
}
