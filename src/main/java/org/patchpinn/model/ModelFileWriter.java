package org.patchpinn.model;

import java.util.Locale;

/**
 * Writes a {@link ModelSpec} in the model-file format {@link ModelFileParser} reads, so a fitted model, or
 * one extended with a discovered current, can be saved, read and edited by users.
 */
public final class ModelFileWriter {
    private ModelFileWriter() {
    }

    /**
     * The model as text.
     *
     * @throws ModelException when a gate is given by a Java function (e.g. a network table) that has no text
     */
    public static String write(ModelSpec m) {
        for (GateSpec g : m.gates()) {
            if (!g.isExpression()) {
                throw new ModelException("model " + m.name() + ": gate " + g.name() + " is a Java function ("
                        + g.first() + "), not an expression; replace it by an expression (e.g. from symbolic "
                        + "regression) before writing the model file");
            }
        }
        return describe(m);
    }

    /** Like {@link #write} but gates given by functions are written as comments (for logs and toString). */
    static String describe(ModelSpec m) {
        StringBuilder sb = new StringBuilder();
        sb.append("# PatchPINN model file: absolute units (pF, nS, mV, ms, pA); I = g * gates * (V - E)\n");
        sb.append("model ").append(m.name()).append('\n');
        if (!m.description().isEmpty()) {
            sb.append("description ").append(m.description()).append('\n');
        }
        sb.append("capacitance ").append(m.capacitance()).append("\n\n");
        for (Parameter p : m.parameters()) {
            sb.append(String.format(Locale.ROOT, "param %s = %s %s [%s, %s]%s%n", p.name(), num(p.value()), p.unit(),
                    num(p.lower()), num(p.upper()), p.fixed() ? " fixed" : ""));
        }
        if (!m.definitions().isEmpty()) {
            sb.append('\n');
            m.definitions().forEach((k, v) -> sb.append("define ").append(k).append(" = ").append(v).append('\n'));
        }
        sb.append('\n');
        for (GateSpec g : m.gates()) {
            String prefix = g.isExpression() ? "" : "# (function, not writable) ";
            sb.append(prefix).append("gate ").append(g.name()).append(' ').append(g.firstLabel()).append(" = ")
                    .append(g.first()).append('\n');
            sb.append(prefix).append("gate ").append(g.name()).append(' ').append(g.secondLabel()).append(" = ")
                    .append(g.second()).append('\n');
        }
        sb.append('\n');
        for (CurrentSpec c : m.currents()) {
            sb.append("current ").append(c.name()).append(" = ").append(c.formula()).append('\n');
        }
        return sb.toString();
    }

    /** Shortest text that reads back to the same double. */
    static String num(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return Double.toString(d);
    }
}
