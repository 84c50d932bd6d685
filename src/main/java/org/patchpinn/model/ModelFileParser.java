package org.patchpinn.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.patchpinn.numeric.Numbers;

/**
 * Reads the PatchPINN model-file format, one statement per line ({@code #} starts a comment):
 * <pre>
 * model hh-squid
 * description Hodgkin-Huxley 1952 squid axon
 * capacitance Cm
 * param Cm  = 100   pF [10, 1000] fixed
 * param gNa = 12000 nS [1000, 100000]
 * param ENa = 50    mV [0, 100]
 * define u = V - VT
 * gate m alpha = 0.1*(V+40)/(1-exp(-(V+40)/10))
 * gate m beta  = 4*exp(-(V+65)/18)
 * gate z inf   = 1/(1+exp(-(V+35)/10))
 * gate z tau   = 608/(3.3*exp((V+35)/20)+exp(-(V+35)/20))
 * current INa = gNa * m^3 * h * (V - ENa)
 * </pre>
 * Units: nS, mV, pF, ms, pA, mM or 1. Bounds are optional (default: a factor 10 either side for positive
 * values, ±50 around voltages). Errors name the source and line.
 */
public final class ModelFileParser {
    private static final Set<String> UNITS = Set.of("nS", "mV", "pF", "ms", "pA", "mM", "1");
    private static final String ID = "[A-Za-z_][A-Za-z0-9_]*";
    private static final Pattern PARAM = Pattern.compile(
            "(" + ID + ")\\s*=\\s*(\\S+)\\s+(\\S+)\\s*(?:\\[([^,\\]]+),([^\\]]+)\\])?\\s*(fixed|free)?");
    private static final Pattern GATE = Pattern.compile("(" + ID + ")\\s+(alpha|beta|inf|tau)\\s*=\\s*(.+)");
    private static final Pattern ASSIGN = Pattern.compile("(" + ID + ")\\s*=\\s*(.+)");
    private static final Pattern FACTOR = Pattern.compile("(" + ID + ")(?:\\s*\\^\\s*([0-9]+))?");
    private static final Pattern REVERSAL = Pattern.compile("\\(\\s*V\\s*-\\s*(" + ID + ")\\s*\\)");

    private final String source;
    private String modelName;
    private String description = "";
    private String capacitance;
    private int capacitanceLine;
    private final List<Parameter> parameters = new ArrayList<>();
    private final Map<String, Integer> parameterLines = new HashMap<>();
    private final Map<String, String> definitions = new LinkedHashMap<>();
    private final Map<String, Integer> definitionLines = new HashMap<>();
    private final Map<String, GateDraft> gates = new LinkedHashMap<>();
    private final List<CurrentSpec> currents = new ArrayList<>();
    private final Map<String, Integer> currentLines = new HashMap<>();

    private static final class GateDraft {
        final int line;
        final Map<String, String> laws = new LinkedHashMap<>();
        final Map<String, Integer> lawLines = new HashMap<>();

        GateDraft(int line) {
            this.line = line;
        }
    }

    private ModelFileParser(String source) {
        this.source = source;
    }

    public static ModelSpec parse(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.getFileName().toString());
        } catch (IOException e) {
            throw new ModelException(file + ": cannot read model file: " + e.getMessage(), e);
        }
    }

    /** Parses model text; {@code source} names it in error messages (a file name). */
    public static ModelSpec parse(String text, String source) {
        ModelFileParser p = new ModelFileParser(source);
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            p.line(lines[i], i + 1);
        }
        return p.build();
    }

    private ModelFileException error(int line, String reason) {
        return new ModelFileException(source, line, reason);
    }

    private void line(String raw, int n) {
        int hash = raw.indexOf('#');
        String s = (hash >= 0 ? raw.substring(0, hash) : raw).trim();
        if (s.isEmpty()) {
            return;
        }
        String[] kw = s.split("\\s+", 2);
        String rest = kw.length > 1 ? kw[1].trim() : "";
        switch (kw[0]) {
            case "model" -> modelName = requireText(rest, n, "model needs a name");
            case "description" -> description = rest;
            case "capacitance" -> {
                capacitance = requireText(rest, n, "capacitance needs a parameter name");
                capacitanceLine = n;
            }
            case "param" -> param(rest, n);
            case "define" -> define(rest, n);
            case "gate" -> gate(rest, n);
            case "current" -> current(rest, n);
            default -> throw error(n, "unknown statement '" + kw[0]
                    + "' (expected model, description, capacitance, param, define, gate or current)");
        }
    }

    private String requireText(String rest, int n, String message) {
        if (rest.isEmpty()) {
            throw error(n, message);
        }
        return rest;
    }

    private void param(String rest, int n) {
        Matcher m = PARAM.matcher(rest);
        if (!m.matches()) {
            throw error(n, "cannot read parameter '" + rest + "' (expected: param NAME = VALUE UNIT [LOWER, UPPER]"
                    + " [fixed])");
        }
        String name = m.group(1);
        double value = number(m.group(2), n, name + " value");
        String unit = m.group(3);
        if (!UNITS.contains(unit)) {
            throw error(n, "parameter " + name + ": unknown unit '" + unit + "' (use one of nS, mV, pF, ms, pA, mM,"
                    + " 1; absolute units, not per cm²)");
        }
        double lo;
        double hi;
        if (m.group(4) != null) {
            lo = number(m.group(4), n, name + " lower bound");
            hi = number(m.group(5), n, name + " upper bound");
        } else if (unit.equals("mV")) {
            lo = value - 50;
            hi = value + 50;
        } else if (value > 0) {
            lo = value / 10;
            hi = value * 10;
        } else {
            lo = value - 10 * Math.max(1, Math.abs(value));
            hi = value + 10 * Math.max(1, Math.abs(value));
        }
        if (parameterLines.containsKey(name)) {
            throw error(n, "parameter " + name + " is already defined on line " + parameterLines.get(name));
        }
        try {
            parameters.add(new Parameter(name, value, unit, lo, hi, "fixed".equals(m.group(6))));
        } catch (ModelException e) {
            throw error(n, e.getMessage());
        }
        parameterLines.put(name, n);
    }

    private double number(String s, int n, String what) {
        double d = Numbers.parseFinite(s);
        if (Double.isNaN(d)) {
            throw error(n, what + ": '" + s.trim() + "' is not a number");
        }
        return d;
    }

    private void define(String rest, int n) {
        Matcher m = ASSIGN.matcher(rest);
        if (!m.matches()) {
            throw error(n, "cannot read definition '" + rest + "' (expected: define NAME = EXPRESSION)");
        }
        if (definitions.containsKey(m.group(1))) {
            throw error(n, "definition " + m.group(1) + " is already defined on line "
                    + definitionLines.get(m.group(1)));
        }
        definitions.put(m.group(1), m.group(2).trim());
        definitionLines.put(m.group(1), n);
    }

    private void gate(String rest, int n) {
        Matcher m = GATE.matcher(rest);
        if (!m.matches()) {
            throw error(n, "cannot read gate '" + rest + "' (expected: gate NAME alpha|beta|inf|tau = EXPRESSION)");
        }
        GateDraft g = gates.computeIfAbsent(m.group(1), k -> new GateDraft(n));
        String kind = m.group(2);
        if (g.laws.containsKey(kind)) {
            throw error(n, "gate " + m.group(1) + ": " + kind + " is already given on line " + g.lawLines.get(kind));
        }
        g.laws.put(kind, m.group(3).trim());
        g.lawLines.put(kind, n);
    }

    private void current(String rest, int n) {
        Matcher m = ASSIGN.matcher(rest);
        if (!m.matches()) {
            throw error(n, "cannot read current '" + rest + "' (expected: current NAME = g * gate^p * ... * (V - E))");
        }
        String name = m.group(1);
        String formula = m.group(2).trim();
        Matcher rev = REVERSAL.matcher(formula);
        int revStart = -1;
        String reversal = null;
        while (rev.find()) {
            revStart = rev.start();
            reversal = rev.group(1);
            if (rev.end() != formula.length()) {
                revStart = -1;
            }
        }
        if (revStart < 0) {
            throw error(n, "current " + name + ": the formula must end with '* (V - E)' where E is a reversal "
                    + "parameter, got '" + formula + "'");
        }
        String product = formula.substring(0, revStart).trim();
        if (!product.endsWith("*")) {
            throw error(n, "current " + name + ": expected '*' before (V - " + reversal + ")");
        }
        product = product.substring(0, product.length() - 1).trim();
        String conductance = null;
        List<CurrentSpec.GateFactor> factors = new ArrayList<>();
        for (String f : product.split("\\*")) {
            Matcher fm = FACTOR.matcher(f.trim());
            if (!fm.matches()) {
                throw error(n, "current " + name + ": cannot read factor '" + f.trim()
                        + "' (expected a conductance parameter or a gate with a whole power like m^3)");
            }
            if (fm.group(2) == null && conductance == null && !gates.containsKey(fm.group(1))) {
                conductance = fm.group(1);
            } else {
                if (!gates.containsKey(fm.group(1))) {
                    throw error(n, "current " + name + ": unknown gate '" + fm.group(1) + "' (gates defined above: "
                            + String.join(", ", gates.keySet()) + ")");
                }
                int power = fm.group(2) == null ? 1 : Integer.parseInt(fm.group(2));
                if (power < 1 || power > 8) {
                    throw error(n, "current " + name + ": gate power must be 1..8, got " + power);
                }
                factors.add(new CurrentSpec.GateFactor(fm.group(1), power));
            }
        }
        if (conductance == null) {
            throw error(n, "current " + name + ": no conductance parameter in '" + formula + "'");
        }
        requireParameter(conductance, "nS", n, "current " + name + ": conductance");
        requireParameter(reversal, "mV", n, "current " + name + ": reversal potential");
        if (currentLines.containsKey(name)) {
            throw error(n, "current " + name + " is already defined on line " + currentLines.get(name));
        }
        currents.add(new CurrentSpec(name, conductance, reversal, factors));
        currentLines.put(name, n);
    }

    private void requireParameter(String name, String unit, int n, String role) {
        Parameter p = parameters.stream().filter(q -> q.name().equals(name)).findFirst().orElseThrow(() ->
                error(n, role + ": unknown parameter '" + name + "' (parameters defined above: "
                        + String.join(", ", parameters.stream().map(Parameter::name).toList()) + ")"));
        if (!p.unit().equals(unit)) {
            throw error(n, role + " " + name + " must be in " + unit + ", not " + p.unit());
        }
    }

    private ModelSpec build() {
        int last = 1;
        if (modelName == null) {
            throw error(1, "missing 'model NAME' line");
        }
        if (capacitance == null) {
            throw error(last, "missing 'capacitance PARAM' line (the membrane capacitance parameter, in pF)");
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < parameters.size(); i++) {
            index.put(parameters.get(i).name(), i);
        }
        if (!index.containsKey(capacitance)) {
            throw error(capacitanceLine, "capacitance: unknown parameter '" + capacitance + "'");
        }
        if (!parameters.get(index.get(capacitance)).unit().equals("pF")) {
            throw error(capacitanceLine, "capacitance " + capacitance + " must be in pF");
        }
        // Compile every expression here, so an error points at its own line.
        Map<String, Expression> defs = new LinkedHashMap<>();
        for (Map.Entry<String, String> d : definitions.entrySet()) {
            int line = definitionLines.get(d.getKey());
            if (index.containsKey(d.getKey())) {
                throw error(line, "definition " + d.getKey() + " has the name of a parameter");
            }
            defs.put(d.getKey(), compile(d.getValue(), index, defs, line, "definition " + d.getKey()));
        }
        List<GateSpec> gateSpecs = new ArrayList<>();
        for (Map.Entry<String, GateDraft> e : gates.entrySet()) {
            String name = e.getKey();
            GateDraft g = e.getValue();
            if (index.containsKey(name) || defs.containsKey(name)) {
                throw error(g.line, "gate " + name + " has the name of a parameter or definition");
            }
            boolean ab = g.laws.containsKey("alpha") || g.laws.containsKey("beta");
            boolean it = g.laws.containsKey("inf") || g.laws.containsKey("tau");
            if (ab && it) {
                throw error(g.line, "gate " + name + " mixes alpha/beta with inf/tau; give one pair");
            }
            String first = ab ? "alpha" : "inf";
            String second = ab ? "beta" : "tau";
            for (String k : List.of(first, second)) {
                if (!g.laws.containsKey(k)) {
                    throw error(g.line, "gate " + name + " has no " + k + " (a gate needs alpha and beta, or inf and tau)");
                }
                compile(g.laws.get(k), index, defs, g.lawLines.get(k), "gate " + name + " " + k);
            }
            gateSpecs.add(new GateSpec(name, ab ? GateSpec.Form.ALPHA_BETA : GateSpec.Form.INF_TAU,
                    RateLaw.expr(g.laws.get(first)), RateLaw.expr(g.laws.get(second))));
        }
        if (currents.isEmpty()) {
            throw error(1, "model " + modelName + " has no 'current' line");
        }
        try {
            return new ModelSpec(modelName, description, parameters, capacitance, definitions, gateSpecs, currents);
        } catch (ModelException e) {
            throw new ModelException(source + ": " + e.getMessage(), e);
        }
    }

    private Expression compile(String text, Map<String, Integer> index, Map<String, Expression> defs, int line,
                               String what) {
        try {
            return Expression.compile(text, index, defs);
        } catch (ModelException e) {
            throw error(line, what + ": " + e.getMessage());
        }
    }
}
