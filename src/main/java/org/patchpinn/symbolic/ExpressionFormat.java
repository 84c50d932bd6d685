package org.patchpinn.symbolic;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

/**
 * Writes a law as text in four dialects: a readable {@link Style#EXPRESSION}, {@link Style#SYMPY} (only
 * + - * / ** exp log sqrt, numbers and the variable names, so any CAS parses it), {@link Style#JAVA} and
 * {@link Style#LATEX}. The HH primitives are spelt out with exp, and an affine argument k·x + m of exp, sig
 * and linoid is written in the physiological form (x − a)/b with a = −m/k and b = 1/k, e.g.
 * {@code 1/(1 + exp(-(V + 35)/10))}.
 */
public final class ExpressionFormat {
    /** The dialects. */
    public enum Style { EXPRESSION, SYMPY, JAVA, LATEX }

    private static final int SUM = 1;
    private static final int PRODUCT = 2;
    private static final int UNARY = 3;
    private static final int POWER = 4;
    private static final int ATOM = 5;

    private final Style style;
    private final List<String> names;
    private final int digits;

    public ExpressionFormat(Style style, List<String> names) {
        this.style = style;
        this.names = List.copyOf(names);
        this.digits = style == Style.LATEX ? 4 : style == Style.EXPRESSION ? 6 : 12;  // machine dialects keep 12
    }

    public static String format(Node law, Style style, List<String> names) {
        return new ExpressionFormat(style, names).format(law);
    }

    public String format(Node law) {
        return print(law).text;
    }

    /** Text and the precedence of its outermost operator. */
    private record Printed(String text, int precedence) { }

    private Printed print(Node n) {
        if (n.isConstant()) {
            String t = number(n.value());
            return new Printed(t, n.value() < 0 ? UNARY : ATOM);
        }
        if (n.isVariable()) {
            return new Printed(names.get(n.variableIndex()), ATOM);
        }
        Node a = n.left();
        Node b = n.right();
        switch (n.op()) {
            case ADD: {
                // constant offsets read better last: x + 3, x - 3
                if (a.isConstant() && !b.isConstant()) {
                    String left = operand(b, SUM, false);
                    return new Printed(a.value() < 0 ? left + " - " + number(-a.value())
                            : left + " + " + number(a.value()), SUM);
                }
                return new Printed(operand(a, SUM, false) + " + " + operand(b, SUM, true), SUM);
            }
            case SUB:
                return new Printed(operand(a, SUM, false) + " - " + operand(b, SUM, true), SUM);
            case MUL:
                if (a.isConstant(-1)) {
                    return new Printed("-" + operand(b, PRODUCT, true), UNARY);
                }
                return new Printed(operand(a, PRODUCT, false) + (style == Style.LATEX ? " \\cdot " : "*")
                        + operand(b, PRODUCT, true), PRODUCT);
            case DIV:
                if (style == Style.LATEX) {
                    return new Printed("\\frac{" + print(a).text + "}{" + print(b).text + "}", ATOM);
                }
                return new Printed(operand(a, PRODUCT, false) + "/" + operand(b, PRODUCT, true), PRODUCT);
            case POW:
                if (a.isConstant() && a.value() > 0 && !b.isConstantSubtree()) {
                    // c^u is an exponential: written as exp(log(c)·u), in HH form when u is affine
                    return print(Node.unary(Op.EXP,
                            Simplifier.simplify(Node.binary(Op.MUL, Node.constant(Math.log(a.value())), b))));
                }
                switch (style) {
                    case JAVA: return new Printed("Math.pow(" + print(a).text + ", " + print(b).text + ")", ATOM);
                    case LATEX: return new Printed("{" + operand(a, ATOM, false) + "}^{" + print(b).text + "}",
                            POWER);
                    case SYMPY: return new Printed(operand(a, ATOM, false) + "**" + operand(b, ATOM, false), POWER);
                    default: return new Printed(operand(a, ATOM, false) + "^" + operand(b, ATOM, false), POWER);
                }
            case EXP:
                return new Printed(exp(argument(a)), ATOM);
            case LOG:
                return new Printed(function("log", print(a).text), ATOM);
            case SIG:
                return sigmoid(a);
            case LINOID:
                return linoid(a);
            default:
                throw new IllegalStateException(n.op().name());
        }
    }

    /** 1/(1 + e^(−u)). */
    private Printed sigmoid(Node u) {
        Printed hill = hill(u);
        if (hill != null) {
            return hill;
        }
        String e = exp(negated(u));
        if (style == Style.LATEX) {
            return new Printed("\\frac{1}{1 + " + e + "}", ATOM);
        }
        return new Printed(one() + "/(" + one() + " + " + e + ")", PRODUCT);
    }

    /**
     * sig(k·log(x) + m) is the Hill shape 1/(1 + (x/K)^h) with h = −k and K = e^(m/h), written that way
     * (equal for x > 0, and in the limit x → 0); null for other arguments.
     */
    private Printed hill(Node u) {
        double m = 0;
        Node rest = u;
        if (u.op() == Op.ADD && u.left().isConstant()) {
            m = u.left().value();
            rest = u.right();
        }
        if (rest.op() != Op.MUL || !rest.left().isConstant() || rest.right().op() != Op.LOG
                || !rest.right().left().isVariable() || rest.left().value() == 0) {
            return null;
        }
        double h = -rest.left().value();
        double k = Math.exp(m / h);
        if (!Double.isFinite(k) || k == 0) {
            return null;
        }
        String x = names.get(rest.right().left().variableIndex());
        String ratio = x + "/" + number(k);
        switch (style) {
            case LATEX:
                return new Printed("\\frac{1}{1 + \\left(\\frac{" + x + "}{" + number(k) + "}\\right)^{" + number(h)
                        + "}}", ATOM);
            case JAVA:
                return new Printed("1.0/(1.0 + Math.pow(" + ratio + ", " + number(h) + "))", PRODUCT);
            case SYMPY:
                return new Printed("1/(1 + (" + ratio + ")**" + operandNumber(h) + ")", PRODUCT);
            default:
                return new Printed("1/(1 + (" + ratio + ")^" + operandNumber(h) + ")", PRODUCT);
        }
    }

    private String operandNumber(double v) {
        return v < 0 ? "(" + number(v) + ")" : number(v);
    }

    /**
     * u/(1 − e^(−u)). Java gets the series 1 + u/2 near u = 0, where the quotient is 0/0 in floating point;
     * the other dialects keep the exact form (a CAS knows its limit).
     */
    private Printed linoid(Node u) {
        String e = exp(negated(u));
        if (style == Style.LATEX) {
            return new Printed("\\frac{" + argument(u) + "}{1 - " + e + "}", ATOM);
        }
        String quotient = "(" + argument(u) + ")/(" + one() + " - " + e + ")";
        if (style == Style.JAVA) {
            String v = "(" + print(u).text + ")";
            return new Printed("(Math.abs" + v + " < 1e-6 ? 1.0 + " + v + "/2.0 : " + quotient + ")", ATOM);
        }
        return new Printed(quotient, PRODUCT);
    }

    private String one() {
        return style == Style.JAVA ? "1.0" : "1";
    }

    private String exp(String argument) {
        if (style == Style.LATEX) {
            return "e^{" + argument + "}";
        }
        return function("exp", argument);
    }

    private String function(String name, String argument) {
        if (style == Style.LATEX) {
            return "\\" + name + "\\left(" + argument + "\\right)";
        }
        return (style == Style.JAVA ? "Math." : "") + name + "(" + argument + ")";
    }

    /** The text of u; an affine u = k·x + m is written as (x − a)/b. */
    private String argument(Node u) {
        Affine f = affine(u);
        if (f == null) {
            return print(u).text;
        }
        return f.text(1);
    }

    /** The text of −u, affine in HH form when possible. */
    private String negated(Node u) {
        Affine f = affine(u);
        if (f != null) {
            return f.text(-1);
        }
        return print(Simplifier.simplify(Node.binary(Op.MUL, Node.constant(-1), u))).text;
    }

    private String operand(Node n, int context, boolean right) {
        Printed p = print(n);
        boolean wrap = p.precedence < context || (right && p.precedence == context && context != POWER);
        if (style == Style.LATEX) {
            return wrap ? "\\left(" + p.text + "\\right)" : p.text;
        }
        return wrap ? "(" + p.text + ")" : p.text;
    }

    String number(double v) {
        if (!Double.isFinite(v)) {
            return style == Style.JAVA ? "Double.NaN" : "nan";
        }
        BigDecimal rounded = new BigDecimal(v).round(new MathContext(digits)).stripTrailingZeros();
        double r = rounded.doubleValue();
        if (r == Math.rint(r) && Math.abs(r) < 1e9) {
            String t = Long.toString((long) r);
            return style == Style.JAVA ? t + ".0" : t;
        }
        String t = Math.abs(r) >= 1e-4 && Math.abs(r) < 1e9 ? rounded.toPlainString()
                : rounded.toString().replace("E+", "e").replace("E", "e");
        if (style == Style.LATEX && t.contains("e")) {
            String[] parts = t.split("e");
            return parts[0] + " \\cdot 10^{" + parts[1] + "}";
        }
        if (style == Style.JAVA && !t.contains(".") && !t.contains("e")) {
            t = t + ".0";
        }
        return t;
    }

    /** k·x + m with x a variable; null when the node is not of that shape. */
    private final class Affine {
        final int variable;
        final double k;
        final double m;

        Affine(int variable, double k, double m) {
            this.variable = variable;
            this.k = k;
            this.m = m;
        }

        /** sign·(k·x + m) written as ±(x − a)/b with b > 0, or ±(x − a)·s when 1/k is not round. */
        String text(int sign) {
            double kk = sign * k;
            double mm = sign * m;
            double a = -mm / kk;
            double b = 1 / Math.abs(kk);
            String x = names.get(variable);
            String shifted = a == 0 ? x : a < 0 ? x + " + " + number(-a) : x + " - " + number(a);
            String paren = a == 0 ? x : (style == Style.LATEX ? "\\left(" + shifted + "\\right)" : "(" + shifted + ")");
            String body;
            if (b == 1) {
                body = a == 0 ? x : (kk < 0 ? paren : shifted);
            } else if (style == Style.LATEX) {
                body = "\\frac{" + shifted + "}{" + number(b) + "}";
            } else {
                body = paren + "/" + number(b);
            }
            return kk < 0 ? "-" + (b == 1 && a != 0 ? paren : body) : body;
        }
    }

    private Affine affine(Node u) {
        int variable = -1;
        double k = Double.NaN;
        double m = 0;
        Node rest = u;
        if (u.op() == Op.ADD && u.left().isConstant()) {
            m = u.left().value();
            rest = u.right();
        }
        if (rest.isVariable()) {
            variable = rest.variableIndex();
            k = 1;
        } else if (rest.op() == Op.MUL && rest.left().isConstant() && rest.right().isVariable()) {
            variable = rest.right().variableIndex();
            k = rest.left().value();
        }
        if (variable < 0 || k == 0 || !Double.isFinite(k)) {
            return null;
        }
        return new Affine(variable, k, m);
    }
}
