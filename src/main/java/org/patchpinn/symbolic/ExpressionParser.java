package org.patchpinn.symbolic;

import java.util.List;
import java.util.function.Supplier;
import org.patchpinn.model.ExpressionLimits;

/**
 * Reads the plain-text form that {@link ExpressionFormat} writes for SymPy (and Python-style formulas such as
 * those of the benchmark truth): numbers, variable names, + - * / ** ^, unary minus, parentheses and the
 * functions exp, log, sqrt. Used to check exports round-trip and to read known laws.
 */
public final class ExpressionParser {
    private final String text;
    private final List<String> names;
    private int pos;

    private ExpressionParser(String text, List<String> names) {
        this.text = text;
        this.names = names;
    }

    /** The tree of {@code text}; variables are looked up in {@code names}. */
    public static Node parse(String text, List<String> names) {
        ExpressionParser p = new ExpressionParser(text, names);
        String tooDeep = ExpressionLimits.violation(text);
        if (tooDeep != null) {
            throw new SymbolicDataException("expression '" + (text.length() > 80 ? text.substring(0, 80) + "..."
                    : text) + "': " + tooDeep);
        }
        Node n;
        try {
            n = p.sum();
        } catch (StackOverflowError e) {
            throw p.error("nested too deeply"); // a last resort: the limits above keep input inside the stack
        }
        p.skipSpace();
        if (p.pos != text.length()) {
            throw p.error("unexpected '" + text.charAt(p.pos) + "'");
        }
        return n;
    }

    private Node sum() {
        return leftAssociative(this::product, "+", Op.ADD, "-", Op.SUB);
    }

    private Node product() {
        return leftAssociative(this::unary, "*", Op.MUL, "/", Op.DIV); // accept("*") leaves "**" to power()
    }

    /** operand (token operand)*, grouped from the left: a - b - c is (a - b) - c. */
    private Node leftAssociative(Supplier<Node> operand, String token1, Op op1, String token2, Op op2) {
        Node n = operand.get();
        while (true) {
            if (accept(token1)) {
                n = Node.binary(op1, n, operand.get());
            } else if (accept(token2)) {
                n = Node.binary(op2, n, operand.get());
            } else {
                return n;
            }
        }
    }

    private Node unary() {
        if (accept("-")) {
            Node operand = unary();
            return operand.isConstant() ? Node.constant(-operand.value())
                    : Node.binary(Op.MUL, Node.constant(-1), operand);
        }
        if (accept("+")) {
            return unary();
        }
        return power();
    }

    private Node power() {
        Node base = atom();
        if (accept("**") || accept("^")) {
            // right-associative; the exponent may carry a sign: 2**-1
            return Node.binary(Op.POW, base, unary());
        }
        return base;
    }

    private Node atom() {
        skipSpace();
        if (accept("(")) {
            Node n = sum();
            expect(")");
            return n;
        }
        if (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
            return Node.constant(number());
        }
        String name = identifier();
        if (name.isEmpty()) {
            throw error(pos < text.length() ? "unexpected '" + text.charAt(pos) + "'" : "unexpected end");
        }
        if (accept("(")) {
            Node arg = sum();
            expect(")");
            switch (name) {
                case "exp": return Node.unary(Op.EXP, arg);
                case "log": return Node.unary(Op.LOG, arg);
                case "sqrt": return Node.binary(Op.POW, arg, Node.constant(0.5));
                default: throw error("unknown function " + name);
            }
        }
        int index = names.indexOf(name);
        if (index < 0) {
            throw error("unknown variable " + name + " (known: " + names + ")");
        }
        return Node.variable(index);
    }

    private double number() {
        int start = pos;
        while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
            pos++;
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            int save = pos;
            pos++;
            if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                pos++;
            }
            if (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                    pos++;
                }
            } else {
                pos = save;
            }
        }
        try {
            return Double.parseDouble(text.substring(start, pos));
        } catch (NumberFormatException e) {
            throw error("bad number " + text.substring(start, pos));
        }
    }

    private String identifier() {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private boolean accept(String token) {
        skipSpace();
        if (text.startsWith(token, pos)) {
            if (token.equals("*") && text.startsWith("**", pos)) {
                return false;
            }
            pos += token.length();
            return true;
        }
        return false;
    }

    private void expect(String token) {
        if (!accept(token)) {
            throw error("expected '" + token + "'");
        }
    }

    private SymbolicDataException error(String reason) {
        return new SymbolicDataException("expression '" + text + "', position " + pos + ": " + reason);
    }
}
