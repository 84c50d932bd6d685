package org.patchpinn.symbolic;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An immutable expression tree: a constant, an input variable (by column index), or an operator applied to
 * one or two children. Constants are the parameters that Levenberg–Marquardt fits; they are numbered in
 * pre-order ({@link #constants()}, {@link #withConstants}).
 */
public final class Node {
    private final Op op;
    private final double value;
    private final int variable;
    private final Node left;
    private final Node right;
    private final int size;

    private Node(Op op, double value, int variable, Node left, Node right) {
        this.op = op;
        this.value = value;
        this.variable = variable;
        this.left = left;
        this.right = right;
        this.size = 1 + (left == null ? 0 : left.size) + (right == null ? 0 : right.size);
    }

    public static Node constant(double value) {
        return new Node(null, value, -1, null, null);
    }

    public static Node variable(int index) {
        return new Node(null, Double.NaN, index, null, null);
    }

    public static Node unary(Op op, Node child) {
        if (op.arity() != 1) {
            throw new IllegalArgumentException(op + " is not unary");
        }
        return new Node(op, Double.NaN, -1, Objects.requireNonNull(child), null);
    }

    public static Node binary(Op op, Node a, Node b) {
        if (op.arity() != 2) {
            throw new IllegalArgumentException(op + " is not binary");
        }
        return new Node(op, Double.NaN, -1, Objects.requireNonNull(a), Objects.requireNonNull(b));
    }

    /** Same operator (or leaf kind) with new children. */
    Node withChildren(Node a, Node b) {
        return op.arity() == 1 ? unary(op, a) : binary(op, a, b);
    }

    public boolean isConstant() {
        return op == null && variable < 0;
    }

    public boolean isVariable() {
        return op == null && variable >= 0;
    }

    public boolean isConstant(double v) {
        return isConstant() && value == v;
    }

    /** The operator, or null for leaves. */
    public Op op() {
        return op;
    }

    public double value() {
        return value;
    }

    public int variableIndex() {
        return variable;
    }

    public Node left() {
        return left;
    }

    public Node right() {
        return right;
    }

    /** Number of nodes: the complexity measure of the Pareto front. */
    public int size() {
        return size;
    }

    public int depth() {
        return 1 + Math.max(left == null ? 0 : left.depth(), right == null ? 0 : right.depth());
    }

    /** Whether no variable occurs below this node. */
    public boolean isConstantSubtree() {
        if (op == null) {
            return isConstant();
        }
        return left.isConstantSubtree() && (right == null || right.isConstantSubtree());
    }

    public boolean usesVariable(int index) {
        if (op == null) {
            return variable == index;
        }
        return left.usesVariable(index) || (right != null && right.usesVariable(index));
    }

    /** The constants in pre-order. */
    public double[] constants() {
        List<Double> out = new ArrayList<>();
        collectConstants(out);
        double[] c = new double[out.size()];
        for (int i = 0; i < c.length; i++) {
            c[i] = out.get(i);
        }
        return c;
    }

    private void collectConstants(List<Double> out) {
        if (isConstant()) {
            out.add(value);
        } else if (op != null) {
            left.collectConstants(out);
            if (right != null) {
                right.collectConstants(out);
            }
        }
    }

    public int constantCount() {
        if (op == null) {
            return isConstant() ? 1 : 0;
        }
        return left.constantCount() + (right == null ? 0 : right.constantCount());
    }

    /** A copy with the constants replaced, in pre-order. */
    public Node withConstants(double[] c) {
        int[] next = {0};
        Node n = replaceConstants(c, next);
        if (next[0] != c.length) {
            throw new IllegalArgumentException("expected " + next[0] + " constants, got " + c.length);
        }
        return n;
    }

    private Node replaceConstants(double[] c, int[] next) {
        if (isConstant()) {
            return constant(c[next[0]++]);
        }
        if (op == null) {
            return this;
        }
        Node a = left.replaceConstants(c, next);
        Node b = right == null ? null : right.replaceConstants(c, next);
        return withChildren(a, b);
    }

    /** The i-th node in pre-order (0 = this). */
    public Node nodeAt(int index) {
        if (index == 0) {
            return this;
        }
        int i = index - 1;
        if (i < left.size) {
            return left.nodeAt(i);
        }
        return right.nodeAt(i - left.size);
    }

    /** A copy with the i-th node in pre-order replaced by {@code replacement}. */
    public Node replaceAt(int index, Node replacement) {
        if (index == 0) {
            return replacement;
        }
        int i = index - 1;
        if (i < left.size) {
            return withChildren(left.replaceAt(i, replacement), right);
        }
        return withChildren(left, right.replaceAt(i - left.size, replacement));
    }

    /**
     * The shape without constant values, e.g. {@code sig(+(*(c,x0),c))}: candidates with the same key
     * differ only in constants, so one constant fit serves them all.
     */
    public String structureKey() {
        StringBuilder sb = new StringBuilder();
        appendKey(sb, false);
        return sb.toString();
    }

    private void appendKey(StringBuilder sb, boolean withValues) {
        if (isConstant()) {
            sb.append(withValues ? Double.toString(value) : "c");
        } else if (isVariable()) {
            sb.append('x').append(variable);
        } else {
            sb.append(op.symbol()).append('(');
            left.appendKey(sb, withValues);
            if (right != null) {
                sb.append(',');
                right.appendKey(sb, withValues);
            }
            sb.append(')');
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Node n && n.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    /** Prefix form with constant values, for debugging and exact comparison. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        appendKey(sb, true);
        return sb.toString();
    }
}
